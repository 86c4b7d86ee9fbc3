package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"kinlink/records"
)

// The manifests in deploy/kubernetes, decoded strictly: a field this
// mirror does not know (a typo, a field in the wrong place) fails the test.
type k8sHead struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
}

type k8sJob struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Spec struct {
		CompletionMode       string `yaml:"completionMode"`
		Completions          *int   `yaml:"completions"`
		Parallelism          *int   `yaml:"parallelism"`
		BackoffLimit         *int   `yaml:"backoffLimit"`
		BackoffLimitPerIndex *int   `yaml:"backoffLimitPerIndex"`
		MaxFailedIndexes     *int   `yaml:"maxFailedIndexes"`
		Template             struct {
			Spec struct {
				RestartPolicy string `yaml:"restartPolicy"`
				Containers    []struct {
					Name  string `yaml:"name"`
					Image string `yaml:"image"`
					Env   []struct {
						Name      string `yaml:"name"`
						Value     string `yaml:"value"`
						ValueFrom *struct {
							FieldRef struct {
								FieldPath string `yaml:"fieldPath"`
							} `yaml:"fieldRef"`
						} `yaml:"valueFrom"`
					} `yaml:"env"`
					Command   []string `yaml:"command"`
					Args      []string `yaml:"args"`
					Resources struct {
						Requests map[string]string `yaml:"requests"`
						Limits   map[string]string `yaml:"limits"`
					} `yaml:"resources"`
					VolumeMounts []struct {
						Name      string `yaml:"name"`
						MountPath string `yaml:"mountPath"`
					} `yaml:"volumeMounts"`
				} `yaml:"containers"`
				Volumes []struct {
					Name                  string `yaml:"name"`
					PersistentVolumeClaim struct {
						ClaimName string `yaml:"claimName"`
					} `yaml:"persistentVolumeClaim"`
				} `yaml:"volumes"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

type k8sClaim struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Spec struct {
		AccessModes []string `yaml:"accessModes"`
		Resources   struct {
			Requests map[string]string `yaml:"requests"`
		} `yaml:"resources"`
	} `yaml:"spec"`
}

func decodeStrict(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d := yaml.NewDecoder(bytes.NewReader(b))
	d.KnownFields(true)
	if err := d.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestKubernetesManifests checks what the manifests mean (Indexed Jobs
// whose parallelism, completions and --shard agree, retries per index,
// the shard index from the downward API, the shared volume) and then runs
// their four command lines, in order, in-process on a generated archive:
// the merged result must be a single run's.
func TestKubernetesManifests(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "deploy", "kubernetes", "*.yaml"))
	if err != nil || len(files) != 5 {
		t.Fatalf("manifests: %v, %v", files, err)
	}
	var claim k8sClaim
	var jobs []k8sJob
	for _, f := range files {
		var h k8sHead
		b, _ := os.ReadFile(f)
		if err := yaml.Unmarshal(b, &h); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		switch h.Kind {
		case "PersistentVolumeClaim":
			decodeStrict(t, f, &claim)
		case "Job":
			var j k8sJob
			decodeStrict(t, f, &j)
			if j.APIVersion != "batch/v1" {
				t.Errorf("%s: apiVersion %s", f, j.APIVersion)
			}
			jobs = append(jobs, j)
		default:
			t.Fatalf("%s: unexpected kind %q", f, h.Kind)
		}
	}
	if !slices.Contains(claim.Spec.AccessModes, "ReadWriteMany") {
		t.Errorf("the volume must be ReadWriteMany: shards on many nodes write to it")
	}
	wantCommands := []string{"stats", "stats merge", "match", "merge"}
	shardFlag := regexp.MustCompile(`^--shard=auto/(\d+)$`)
	for i, j := range jobs {
		ps := j.Spec.Template.Spec
		c := ps.Containers[0]
		if got := strings.Join(c.Args[:len(strings.Fields(wantCommands[i]))], " "); got != wantCommands[i] {
			t.Fatalf("job %d (%s) runs %q, want %q", i+1, j.Metadata.Name, got, wantCommands[i])
		}
		if ps.RestartPolicy != "Never" || len(c.Command) != 1 || c.Command[0] != "kinlink" {
			t.Errorf("%s: restartPolicy %q, command %v", j.Metadata.Name, ps.RestartPolicy, c.Command)
		}
		if len(ps.Volumes) != 1 || ps.Volumes[0].PersistentVolumeClaim.ClaimName != claim.Metadata.Name ||
			len(c.VolumeMounts) != 1 || c.VolumeMounts[0].MountPath != "/data" || c.VolumeMounts[0].Name != ps.Volumes[0].Name {
			t.Errorf("%s: does not mount the claim %s at /data", j.Metadata.Name, claim.Metadata.Name)
		}
		if c.Resources.Requests["memory"] == "" || c.Resources.Limits["memory"] == "" {
			t.Errorf("%s: no memory request and limit", j.Metadata.Name)
		}
		var n int
		for _, a := range c.Args {
			if m := shardFlag.FindStringSubmatch(a); m != nil {
				n, _ = strconv.Atoi(m[1])
			}
		}
		sharded := wantCommands[i] == "stats" || wantCommands[i] == "match"
		switch {
		case sharded && (n == 0 || j.Spec.CompletionMode != "Indexed" || j.Spec.Completions == nil || *j.Spec.Completions != n ||
			j.Spec.Parallelism == nil || *j.Spec.Parallelism != n):
			t.Errorf("%s: an Indexed Job of %d completions and parallelism, as --shard says", j.Metadata.Name, n)
		case sharded && (j.Spec.BackoffLimitPerIndex == nil || *j.Spec.BackoffLimitPerIndex < 1):
			t.Errorf("%s: a failed shard should be retried on its own (backoffLimitPerIndex)", j.Metadata.Name)
		case !sharded && (n != 0 || j.Spec.CompletionMode != ""):
			t.Errorf("%s: a single pod, not sharded", j.Metadata.Name)
		}
		if sharded {
			ok := false
			for _, e := range c.Env {
				ok = ok || e.Name == "SHARD_INDEX" && e.ValueFrom != nil &&
					e.ValueFrom.FieldRef.FieldPath == "metadata.annotations['batch.kubernetes.io/job-completion-index']"
			}
			if !ok {
				t.Errorf("%s: SHARD_INDEX must come from the job-completion-index annotation", j.Metadata.Name)
			}
		}
	}

	// Run the four steps as the pods would, /data being a folder here.
	data := t.TempDir()
	gen, archive := shardedArchive(t, t.TempDir())
	if err := os.Rename(archive, filepath.Join(data, "archive")); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(gen); err != nil || os.WriteFile(filepath.Join(data, "missing.csv"), b, 0o600) != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		c := j.Spec.Template.Spec.Containers[0]
		pods := 1
		if j.Spec.Completions != nil {
			pods = *j.Spec.Completions
		}
		for i := range pods {
			t.Setenv("JOB_COMPLETION_INDEX", strconv.Itoa(i)) // Kubernetes sets it in every pod of an Indexed Job
			var args []string
			for _, a := range c.Args {
				a = strings.ReplaceAll(a, "/data", data)
				a = strings.ReplaceAll(a, "$(SHARD_INDEX)", strconv.Itoa(i))
				args = append(args, a)
			}
			if code, _, stderr := kinlink(t, "", args...); code != 0 {
				t.Fatalf("%s pod %d: kinlink %v: exit %d\n%s", j.Metadata.Name, i, args, code, stderr)
			}
		}
	}
	single := filepath.Join(t.TempDir(), "m.parquet")
	if code, _, stderr := kinlink(t, "", "match", "--missing", filepath.Join(data, "missing.csv"), "--archive", filepath.Join(data, "archive"),
		"--out", single, "--progress", "never"); code != 0 {
		t.Fatal(stderr)
	}
	a, err := records.ReadMatchFile(filepath.Join(data, "matches.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := records.ReadMatchFile(single)
	if err != nil {
		t.Fatal(err)
	}
	show := func(rows []records.Match) string {
		var sb strings.Builder
		for _, r := range rows {
			d := "null"
			if r.BirthYearDiff != nil {
				d = fmt.Sprint(*r.BirthYearDiff)
			}
			r.BirthYearDiff = nil
			fmt.Fprintf(&sb, "%+v %s\n", r, d)
		}
		return sb.String()
	}
	if len(a.Rows) == 0 || show(a.Rows) != show(b.Rows) {
		t.Errorf("the manifests' run wrote %d rows, a single run %d, not the same", len(a.Rows), len(b.Rows))
	}
}
