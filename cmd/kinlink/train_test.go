package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kinlink/datasets"
	"kinlink/match"
)

// TestTrainWritesAModelMatchUses trains a model on a generated set, with
// and without labels, and matches with it: the model records where each
// value came from, the labelled one takes m from the confirmed pairs, and
// match --model scores with it.
func TestTrainWritesAModelMatchUses(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and reads a set three times")
	}
	dir := t.TempDir()
	cfg := datasets.GenerateConfig{Seed: 5, Missing: 60, Archive: 20_000, Format: "csv"}
	if _, err := datasets.Generate(context.Background(), cfg, dir); err != nil {
		t.Fatal(err)
	}
	missing, archive, truth := filepath.Join(dir, "missing.csv"), filepath.Join(dir, "archive.csv"), filepath.Join(dir, "truth.csv")
	model := filepath.Join(dir, "model.json")
	code, _, stderr := kinlink(t, "", "train", "--missing", missing, "--archive", archive, "--out", model)
	if code != 0 || !strings.Contains(stderr, "records per person sought") {
		t.Fatalf("train: exit %d\n%s", code, stderr)
	}
	m, err := match.LoadModel(model)
	if err != nil {
		t.Fatal(err)
	}
	if m.Estimation == nil || m.Comparisons["birth_year"][0].MSource == "" || m.Comparisons["birth_year"][0].USource == "" {
		t.Errorf("the model does not say where its values came from: %+v", m.Comparisons["birth_year"][0])
	}

	// Labels: the ground truth, as decisions.
	labels := filepath.Join(dir, "labels.csv")
	b, _ := os.ReadFile(truth)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	var csv strings.Builder
	csv.WriteString("query_id,candidate_id,decision\n")
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		csv.WriteString(f[0] + "," + f[1] + ",confirm\n")
	}
	if err := os.WriteFile(labels, []byte(csv.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	labelled := filepath.Join(dir, "labelled.json")
	if code, _, stderr := kinlink(t, "", "train", "--missing", missing, "--archive", archive, "--labels", labels, "--out", labelled); code != 0 {
		t.Fatalf("train --labels: exit %d\n%s", code, stderr)
	}
	lm, err := match.LoadModel(labelled)
	if err != nil {
		t.Fatal(err)
	}
	if src := lm.Comparisons["given"][0].MSource; !strings.HasPrefix(src, "labels:") {
		t.Errorf("given exact m comes from %q, want the labels", src)
	}

	out := filepath.Join(dir, "m.parquet")
	code, _, stderr = kinlink(t, "", "match", "--missing", missing, "--archive", archive, "--out", out, "--model", labelled, "--progress", "never")
	if code != 0 || !strings.Contains(stderr, "model as given by --model") {
		t.Fatalf("match --model: exit %d\n%s", code, stderr)
	}
}
