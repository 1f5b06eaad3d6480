package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/rolepack/rolepack/generator/diff"
	"github.com/rolepack/rolepack/generator/gitsrc"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/textsafe"
)

func runDiff(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("diff", "diff [--content DIR] [--format text|markdown|json] [--summary] FROM [TO]",
		`Say what changed in the pack between two versions, in terms of roles and
people: roles added, removed or renamed; responsibilities, authorities (with
their limits) and communication duties added, removed or reworded;
competence requirements; holders and deputies; RACI letters; the review
team; document control; and who is affected.

FROM and TO are git revisions of the repository holding --content (read
from git's objects, without a checkout), or pack directories. TO defaults to
--content as it is now. --format markdown writes a pull-request comment;
--summary prints a one-paragraph draft of the [[revision]] summary.

Exit codes: 0 (with or without changes), 1 a side fails to load, 2 misuse.`, stdout)
	content := fs.String("content", "content", "the pack's source `DIR` (inside the git repository)")
	format := fs.String("format", "text", "output `FORMAT`: text, markdown or json")
	summary := fs.Bool("summary", false, "print only a draft of the revision summary")
	rest, err := parse(fs, args, 2)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return misuse("diff needs FROM: a git revision or a pack directory")
	}
	if *format != "text" && *format != "markdown" && *format != "json" {
		return misuse("--format must be text, markdown or json, not %q", *format)
	}
	ctx := context.Background()
	from, err := loadSide(ctx, *content, rest[0], stderr)
	if err != nil {
		return err
	}
	to := side{label: "working tree"}
	if len(rest) == 2 {
		to, err = loadSide(ctx, *content, rest[1], stderr)
	} else {
		to.pack, err = loadDir(*content, *content, stderr)
		if err == nil {
			to.label = textsafe.Line(*content)
		}
	}
	if err != nil {
		return err
	}
	c := diff.Compare(from.pack, to.pack)
	c.From, c.To = from.label, to.label
	switch {
	case *summary:
		fmt.Fprintln(stdout, textsafe.Line(c.Summary()))
		return nil
	case *format == "json":
		return c.JSON(stdout)
	case *format == "markdown":
		return c.Markdown(stdout)
	}
	return c.Text(stdout)
}

type side struct {
	label string
	pack  *model.Pack
}

// loadSide loads FROM or TO: a pack directory when arg is one, else the
// content directory at the git revision arg.
func loadSide(ctx context.Context, content, arg string, stderr io.Writer) (side, error) {
	if st, err := os.Stat(arg); err == nil && st.IsDir() {
		p, err := loadDir(arg, arg, stderr)
		return side{label: textsafe.Line(arg), pack: p}, err
	}
	snap, err := gitsrc.Read(ctx, content, arg)
	if err != nil {
		if errors.Is(err, gitsrc.ErrNotGit) {
			return side{}, misuse("%s is not a directory, and %s is %v", textsafe.Line(arg), textsafe.Line(content), err)
		}
		return side{}, misuse("%s", err.Error())
	}
	defer snap.Close()
	// Problems are named by revision and path: "v1.0:content/roles/x.toml:3:1".
	p, err := loadDir(snap.Dir, arg+":"+content, stderr)
	return side{label: textsafe.Line(arg), pack: p}, err
}

// loadDir loads a pack, naming problems with display as the directory.
func loadDir(dir, display string, stderr io.Writer) (*model.Pack, error) {
	p, err := model.Load(dir)
	if err == nil {
		return p, nil
	}
	var errs model.Errors
	if errors.As(err, &errs) {
		for _, d := range errs {
			fmt.Fprintf(stderr, "%s\n", displayPos(display, d))
		}
		return nil, failed("%d %s in %s", len(errs), plural(len(errs), "problem", "problems"), display)
	}
	if errors.Is(err, model.ErrNoContent) {
		return nil, misuse("%s (use --content DIR)", err.Error())
	}
	return nil, failed("%v", err)
}
