// Command kinlink links lists of missing people to archival records, with
// romanisation-aware name matching for Japanese and Korean names.
//
// Run "kinlink help" for the subcommands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/spf13/pflag"

	"kinlink/match"
	"kinlink/records"
)

// command is one subcommand of kinlink.
type command struct {
	name    string
	summary string
	usage   string // argument synopsis after the name
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what a command may touch of the outside world, so tests can run
// commands in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// stderrTerminal is true when stderr is an interactive terminal.
	stderrTerminal bool
}

// usageError is a mistake in the command line; kinlink exits with 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

func commands() []command {
	return []command{
		{"match", "link people sought to archive records; write ranked candidates to Parquet",
			"--missing FILE --archive FILE --out FILE.parquet [flags]", runMatch},
		{"stats", "count an archive's statistics for sharded runs; 'stats merge' sums the shards' and estimates the model",
			"--missing FILE --archive FILE --out STATS.parquet [--shard i/N]   or   stats merge --missing FILE --out STATS.parquet PARTS...", runStats},
		{"merge", "merge the parts of a sharded run into the file a single run writes",
			"--out FILE.parquet PARTS...   (files, a folder or a glob)", runMerge},
		{"train", "estimate a scoring model (m values by EM) from the data; write it as JSON",
			"--missing FILE --archive FILE --out MODEL.json [flags]", runTrain},
		{"normalize", "print the parsed and normalised forms of names",
			"[--origin auto|ja|ko] [--json] [--family F --given G] [NAME...]   (or names on stdin, one per line: a full name, or family<TAB>given; --csv: family,given)", runNormalize},
		{"generate", "write a synthetic data set with ground truth",
			"--seed N --missing N --archive N --out DIR [--format csv|parquet]", runGenerate},
		{"evaluate", "compare a matches file with the ground truth or decisions; print precision, recall and calibration",
			"--matches FILE --truth FILE [--k K] [--json]", runEvaluate},
		{"report", "write one offline HTML page (or Markdown) to review a matches file, decide, and export decisions",
			"--matches FILE --out FILE.html [--missing FILE] [--archive FILE] [--labels FILE] [--decisions FILE] [flags]", runReport},
		{"demo", "run the embedded founding-case scenario end to end",
			"[--out FILE.parquet]", runDemo},
		{"version", "print kinlink's version", "", runVersion},
		{"help", "list the subcommands, or explain one", "[SUBCOMMAND]", nil},
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, stderrTerminal: isTerminal(os.Stderr)}
	stop := handleSignals(cancel, e.stderrTerminal)
	code := run(ctx, e, os.Args[1:])
	stop()
	os.Exit(code)
}

// handleSignals cancels the run at the first Ctrl-C (or SIGTERM): every
// stage stops at its next look at the context, and the command unwinds,
// leaving nothing under the final names. A second signal ends the process
// at once, after removing the temporary files of the outputs.
func handleSignals(cancel context.CancelFunc, terminal bool) (stop func()) {
	erase := "\n"
	if terminal {
		erase = clearLine // the progress bar's line
	}
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-sigs:
		case <-done:
			return
		}
		fmt.Fprint(os.Stderr, erase+"kinlink: stopping; press Ctrl-C again to stop at once\n")
		cancel()
		select {
		case <-sigs:
		case <-done:
			return
		}
		records.RemoveTemporaries()
		fmt.Fprint(os.Stderr, erase+"kinlink: stopped at once; nothing was written under the final names\n")
		os.Exit(1)
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}

// run executes one command line and returns the process exit code: 0 on
// success, 1 on a runtime or data failure, 2 on a usage error.
func run(ctx context.Context, e *env, args []string) (code int) {
	defer func() {
		// A panic is a bug in kinlink; say so plainly instead of a trace.
		if p := recover(); p != nil {
			fmt.Fprintf(e.stderr, "kinlink: internal error: %v\nPlease report this with the command line that caused it.\n", p)
			if os.Getenv("KINLINK_TRACE") != "" { // for developers: where it happened
				e.stderr.Write(debug.Stack())
			}
			code = 1
		}
	}()
	if len(args) == 0 {
		printHelp(e.stderr)
		return 2
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		if len(args) > 1 {
			return helpFor(e, args[1])
		}
		printHelp(e.stdout)
		return 0
	}
	if name == "--version" {
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			err := c.run(ctx, e, args[1:])
			return report(e, c, err)
		}
	}
	fmt.Fprintf(e.stderr, "kinlink: unknown command %q\n\n", name)
	printHelp(e.stderr)
	return 2
}

func report(e *env, c command, err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, pflag.ErrHelp):
		return 0
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(e.stderr, "kinlink %s: interrupted; no output was written under the final name\n", c.name)
		return 1
	}
	var ie *match.InternalError
	if errors.As(err, &ie) {
		fmt.Fprintf(e.stderr, "kinlink %s: internal error: %v\nPlease report this with the command line that caused it.\n", c.name, ie.Value)
		return 1
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(e.stderr, "kinlink %s: %v\nRun 'kinlink %s --help' for usage.\n", c.name, err, c.name)
		return 2
	}
	fmt.Fprintf(e.stderr, "kinlink %s: %v\n", c.name, err)
	return 1
}

func printHelp(w io.Writer) {
	fmt.Fprintf(w, "kinlink links lists of missing people to archival records.\n\nUsage:\n  kinlink COMMAND [flags]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun 'kinlink COMMAND --help' for a command's flags.\nExit codes: 0 success, 1 runtime or data failure, 2 usage error.\n")
}

func helpFor(e *env, name string) int {
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return report(e, c, c.run(context.Background(), e, []string{"--help"}))
		}
	}
	if name == "help" {
		printHelp(e.stdout)
		return 0
	}
	fmt.Fprintf(e.stderr, "kinlink help: unknown command %q\n", name)
	return 2
}

// newFlags makes the flag set of a subcommand; --help prints its usage on
// stdout.
func newFlags(e *env, name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	fs.Usage = func() {
		for _, c := range commands() {
			if c.name == name {
				fmt.Fprintf(e.stdout, "Usage: kinlink %s %s\n\n%s.\n\nFlags:\n", name, c.usage, upperFirst(c.summary))
			}
		}
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parseFlags parses args, turning pflag's errors into usage errors.
func parseFlags(fs *pflag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return err // pflag has printed the usage
		}
		return usagef("%v", err)
	}
	return nil
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func runVersion(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "version")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "kinlink %s\n", version())
	return nil
}
