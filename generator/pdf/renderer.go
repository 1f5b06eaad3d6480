package pdf

import (
	"context"
	"io/fs"
	"runtime"
	"sync"

	"github.com/rolepack/rolepack/generator/letters"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/render"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/crash"
)

// Renderer writes the controlled document and the acknowledgement sheets.
type Renderer struct{}

// Name implements render.Renderer.
func (Renderer) Name() string { return "pdf" }

// Files implements render.Renderer.
func (Renderer) Files() []string { return []string{view.DocumentFile, view.SignOffFile} }

// Render implements render.Renderer.
// Each file is guarded on its own, so that a panic names the file it
// happened in.
func (Renderer) Render(ctx context.Context, v *view.View, w render.Writer) error {
	err := crash.Guard("pdf", view.DocumentFile, func() error {
		data, err := Document(v)
		if err != nil {
			return err
		}
		return w.WriteFile(view.DocumentFile, data)
	})
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return crash.Guard("pdf", view.SignOffFile, func() error {
		data, err := SignOff(v)
		if err != nil {
			return err
		}
		return w.WriteFile(view.SignOffFile, data)
	})
}

// PeopleRenderer writes each seated person's folder: their brief and their
// appointment letters. It is an output of its own ("people"), so that
// --only can leave it out: a large organisation has thousands of them.
type PeopleRenderer struct{}

// Name implements render.Renderer.
func (PeopleRenderer) Name() string { return "people" }

// Files implements render.Renderer.
func (PeopleRenderer) Files() []string { return []string{view.PeopleDir + "/"} }

// Render implements render.Renderer. The letter templates are read and
// checked first: a template naming an unknown field fails the output
// before anything of it is rendered.
func (PeopleRenderer) Render(ctx context.Context, v *view.View, w render.Writer) error {
	tmpl, err := letters.LoadFor(v.Pack.Templates(), v.Lang, v.Pack.Language)
	if err != nil {
		return err
	}
	return People(ctx, v, tmpl, w)
}

// CheckTemplates implements render.TemplateChecker: the letter templates
// of every shipped language, the pack's overrides of them included,
// parse, and name only the fields a letter has.
func (PeopleRenderer) CheckTemplates(overrides fs.FS) error {
	for _, lang := range messages.Languages() {
		if _, err := letters.LoadFor(overrides, lang, lang); err != nil {
			return err
		}
	}
	return nil
}

// People writes every seated person's folder: the files the view names
// for them (view.Person.Files), their brief and one PDF per letter. People are rendered in parallel (one document each,
// sharing only the build's text engine: faces, shaped words, subsets), on as many workers as the process may use. A panic is
// recovered in the worker, for each person, since the caller cannot
// recover another goroutine's panic: it fails the output like an error,
// and the worker goes on taking people, so the feed never blocks.
func People(ctx context.Context, v *view.View, tmpl letters.Templates, w render.Writer) error {
	next := make(chan *view.Person)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(v.Seated))) {
		wg.Go(func() {
			for pv := range next {
				err := crash.Guard("people", view.PeopleDir+"/"+pv.ID+"/", func() error { return person(ctx, v, tmpl, pv, w) })
				if err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	var failed error
feed:
	for _, pv := range v.Seated {
		select {
		case next <- pv:
		case failed = <-errs:
			break feed
		}
	}
	close(next)
	wg.Wait()
	if failed != nil {
		return failed
	}
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

func person(ctx context.Context, v *view.View, tmpl letters.Templates, pv *view.Person, w render.Writer) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if pv.Files == nil {
		return nil // not seated: no folder
	}
	brief := pv.Files.Brief
	err := crash.Guard("people", brief, func() error {
		data, err := Brief(v, pv)
		if err != nil {
			return err
		}
		return w.WriteFile(brief, data)
	})
	if err != nil {
		return err
	}
	for _, l := range letters.For(v, pv) {
		err := crash.Guard("people", l.File, func() error {
			t := tmpl.Appointment
			if l.Kind == letters.Deputy {
				t = tmpl.Deputy
			}
			body, err := t.Execute(l.Fields)
			if err != nil {
				return err
			}
			data, err := Letter(v, l, body)
			if err != nil {
				return err
			}
			return w.WriteFile(l.File, data)
		})
		if err != nil {
			return err
		}
	}
	return nil
}
