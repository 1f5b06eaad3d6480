package pdf_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"unicode"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/document"
	"github.com/rolepack/rolepack/generator/letters"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/pdf"
	"github.com/rolepack/rolepack/generator/render"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
	"github.com/rolepack/rolepack/internal/sample"
)

// memWriter keeps what a renderer writes.
type memWriter struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (w *memWriter) WriteFile(name string, data []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.files == nil {
		w.files = map[string][]byte{}
	}
	w.files[name] = append([]byte(nil), data...) // a Writer keeps no caller buffer
	return nil
}

func renderAll(t *testing.T, v *view.View) map[string][]byte {
	t.Helper()
	var w memWriter
	for _, r := range []interface {
		Render(context.Context, *view.View, render.Writer) error
	}{pdf.Renderer{}, pdf.PeopleRenderer{}} {
		if err := r.Render(context.Background(), v, &w); err != nil {
			t.Fatal(err)
		}
	}
	return w.files
}

// TestPeopleFiles renders every seated person's folder of every pack of
// the set and checks the people's briefs and letters: the layout
// invariants; a brief per seated person, with their name and sheet page on
// every page and one signature line; a letter per seat held and
// deputised for, naming the role, the person, the appointment date, every
// authority's limit and, for a deputy, whom they stand in for; both
// signers' names on the page with the signature lines. make test reads
// back the sample of each pack's people that internal/sample chooses by
// rule; make test-all (packtest.Exhaustive) reads back everyone.
func TestPeopleFiles(t *testing.T) {
	need(t, "pdftotext")
	for _, f := range fixtures(t) {
		t.Run(f.Name, func(t *testing.T) {
			v := f.View
			files := renderedPeople(t, f)
			dir := t.TempDir()
			save := func(t *testing.T, name string) string {
				data, ok := files[name]
				if !ok {
					t.Fatalf("%s was not written", name)
				}
				path := filepath.Join(dir, strings.ReplaceAll(name, "/", "_"))
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
				return path
			}
			people := v.Seated
			if !packtest.Exhaustive() {
				people = nil
				for _, p := range sample.People(v) {
					people = append(people, p.Person)
				}
			}
			var nLetters atomic.Int64
			// Each person's files are read back in parallel: most of the
			// time is pdftotext.
			t.Run("each", func(t *testing.T) {
				for _, pv := range people {
					t.Run(pv.ID, func(t *testing.T) {
						t.Parallel()
						checkPersonFiles(t, v, pv, save, &nLetters, extractableText(f.Name))
					})
				}
			})
			// A folder for every seated person, and nothing else under
			// people/: no folder for an unseated person.
			for _, pv := range v.Seated {
				if _, ok := files["people/"+pv.ID+"/brief.pdf"]; !ok {
					t.Errorf("no brief for %s", pv.ID)
				}
			}
			for name := range files {
				if strings.HasPrefix(name, view.PeopleDir+"/") {
					id, _, _ := strings.Cut(strings.TrimPrefix(name, view.PeopleDir+"/"), "/")
					if pv := personByID(v, id); pv == nil || !pv.MustAcknowledge {
						t.Errorf("%s written for someone without a seat", name)
					}
				}
			}
			t.Logf("read back %d of %d people: %d briefs, %d letters", len(people), len(v.Seated), len(people), nLetters.Load())
		})
	}
}

// checkPersonFiles reads back one person's brief and letters. Without
// extractable, their text is not compared with the pack's (see
// extractableText), but their layout, sheets and signature lines are.
func checkPersonFiles(t *testing.T, v *view.View, pv *view.Person, save func(*testing.T, string) string, nLetters *atomic.Int64, extractable bool) {
	folder := "people/" + pv.ID + "/" // the paths the site has always linked to
	brief := save(t, folder+"brief.pdf")
	pages := checkLayout(t, folder+"brief.pdf", brief)
	ls := letters.For(v, pv)
	if len(ls) != len(pv.Holds)+len(pv.Deputises) {
		t.Errorf("%s: %d letters for %d seats and %d deputyships", pv.ID, len(ls), len(pv.Holds), len(pv.Deputises))
	}
	if !extractable {
		for _, l := range ls {
			nLetters.Add(1)
			name := l.File
			checkSigned(t, name, checkLayout(t, name, save(t, name)))
		}
		return
	}
	checkSheets(t, folder+"brief.pdf", pages, []string{pv.Name})
	txt := flat(text(t, brief))
	for _, s := range pv.Holds {
		mustHave(t, folder+"brief.pdf", txt, v.Words.Text("brief.seat_held", "role", s.Role.Name, "date", v.Words.Date(s.Assignment.AppointedOn.Time())))
		for _, a := range s.Role.Authorities {
			mustHave(t, folder+"brief.pdf", txt, document.InlineText(letters.AuthorityText(v, a)))
		}
	}
	for _, s := range pv.Deputises {
		mustHave(t, folder+"brief.pdf", txt, v.Words.Text("document.seat.deputy_for", "person", s.Person.Name, "role", s.Role.Name))
	}
	for _, g := range pv.Gaps {
		mustHave(t, folder+"brief.pdf", txt, v.TrainingAction(g))
	}
	for _, l := range ls {
		nLetters.Add(1)
		name := l.File
		path := save(t, name)
		pages := checkLayout(t, name, path)
		checkSigned(t, name, pages, l.Signer.Name, pv.Name)
		txt := flat(text(t, path))
		// The letters' wording is their templates', one per language:
		// the English one greets by name.
		if v.Lang == "en" {
			mustHave(t, name, txt, "Dear "+pv.Name)
		} else {
			mustHave(t, name, txt, pv.Name)
		}
		mustHave(t, name, txt, l.Seat.Role.Name)
		mustHave(t, name, txt, v.Words.Date(l.Seat.Assignment.AppointedOn.Time()))
		for _, a := range l.Seat.Role.Authorities {
			mustHave(t, name, txt, document.InlineText(letters.AuthorityText(v, a)))
		}
		if l.Kind == letters.Deputy && v.Lang == "en" {
			mustHave(t, name, txt, "deputy to "+l.Seat.Person.Name+" as "+l.Seat.Role.Name)
		}
		if ev := l.Seat.Assignment.Evidence; ev != "" {
			mustHave(t, name, txt, ev)
		}
	}
}

// extractableText reports whether a pack's text can be compared with what
// pdftotext reads out of its PDFs: every pack's, since the text engine
// (issue #27) draws every script, right to left included.
func extractableText(pack string) bool { return true }

func personByID(v *view.View, id string) *view.Person {
	for _, pv := range v.People {
		if pv.ID == id {
			return pv
		}
	}
	return nil
}

func mustHave(t *testing.T, name, txt, want string) {
	t.Helper()
	txt = packtest.StripMarks(txt)
	// A long word may be broken across lines (with a hyphen inside an
	// ordinary word), and Chinese or Japanese between any two
	// characters: hasName compares without spaces and hyphens.
	if !packtest.PDFHas(txt, want) && !interleaved(txt, want) && !hasName(txt, want) {
		t.Errorf("%s lacks %q", name, want)
	}
}

// checkSigned asserts that a letter has two Signature lines, and that the
// page holding them names both signers (the organisation's, when named,
// and the addressee).
func checkSigned(t *testing.T, name string, pages []bboxPage, signers ...string) {
	t.Helper()
	found := 0
	for i, p := range pages {
		all := pageText(p)
		n := len(p.signatureLabels())
		if n == 0 {
			continue
		}
		found += n
		for _, s := range signers {
			if s != "" && !hasName(all, s) {
				t.Errorf("%s: page %d has a signature line but not the name %s", name, i+1, s)
			}
		}
	}
	if found != 2 {
		t.Errorf("%s: %d signature lines, want 2", name, found)
	}
}

// A pack's templates/letters/appointment.md replaces the default text of
// every appointment letter (the deputy letters keep theirs); an unknown
// template file is refused when the pack loads.
func TestLetterTemplateOverride(t *testing.T) {
	need(t, "pdftotext")
	custom := "# Letter of appointment: {{.Role}}\n\nDear {{.Person}}, the board appoints you from {{.AppointedOn}}.\n\n{{range .Authorities}}- {{.}}\n{{end}}"
	p := packtest.Load(t, packtest.With(packtest.Minimal, "-- templates/letters/appointment.md --\n"+custom))
	files := renderAll(t, view.New(p, st, nil))
	appt := flat(text(t, write(t, files["people/ann/appointment-ism.pdf"])))
	for _, want := range []string{"Letter of appointment: Information Security Manager", "Dear Ann Admin, the board appoints you from 1 February 2025.", "Stop a risky change (limit: for up to 48 hours)"} {
		if !strings.Contains(appt, want) {
			t.Errorf("the overridden letter lacks %q:\n%s", want, appt)
		}
	}
	if strings.Contains(appt, "Your responsibilities") {
		t.Error("the overridden letter still has the default text")
	}
	dep := flat(text(t, write(t, files["people/ann/deputy-sysadmin-bob.pdf"])))
	if !strings.Contains(dep, "Responsibilities you take on when standing in") {
		t.Errorf("the deputy letter lost its default text:\n%s", dep)
	}
	_, err := model.Load(packtest.Write(t, packtest.With(packtest.Minimal, "-- templates/letters/appointmnt.md --\nx\n")))
	if err == nil || !strings.Contains(err.Error(), `did you mean "templates/letters/appointment.md"`) {
		t.Errorf("a misspelt letter template: %v", err)
	}
}

// A template naming an unknown field fails the pdf output at the field's
// file and line before anything is written.
func TestLetterTemplateUnknownField(t *testing.T) {
	p := packtest.Load(t, packtest.With(packtest.Minimal, "-- templates/letters/deputy.md --\nDear {{.Person}},\n\nYou stand in for {{.Holder}}\nfrom {{.StartDate}}.\n"))
	var w memWriter
	err := (pdf.PeopleRenderer{}).Render(context.Background(), view.New(p, st, nil), &w)
	if err == nil || !strings.Contains(err.Error(), `templates/letters/deputy.md:4:8: unknown field ".StartDate"`) {
		t.Fatalf("error %v, want one at templates/letters/deputy.md:4:8", err)
	}
	if len(w.files) != 0 {
		t.Errorf("%d files written before the error", len(w.files))
	}
}

// The same pack gives the same bytes, file by file.
func TestPeopleFilesDeterministic(t *testing.T) {
	f := fixtureNamed(t, "example")
	a := renderedPeople(t, f)
	b := renderAll(t, view.New(f.Model, st, check.Run(f.Model, f.AsOf)))
	n := 0
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two renders", name)
		}
		n++
	}
	for name := range b {
		if _, ok := a[name]; !ok && strings.HasPrefix(name, view.PeopleDir+"/") {
			t.Errorf("%s written by one render only", name)
		}
	}
	if n == 0 {
		t.Fatal("nothing rendered")
	}
}

// interleaved reports whether want's words are in txt in their order,
// with at most a few other words between two of them: pdftotext may read
// a line of one table cell, then the line beside it in the next cell
// ("Develop … to 佐藤 健二 (line / level 2 Practitioner … manager)").
func interleaved(txt, want string) bool {
	words, need := tokens(txt), tokens(want)
	if len(need) == 0 {
		return true
	}
	for start := range words {
		if words[start] != need[0] {
			continue
		}
		i, gap := start+1, 0
		k := 1
		for ; k < len(need) && i < len(words) && gap <= 40; i++ {
			if words[i] == need[k] {
				k, gap = k+1, 0
			} else {
				gap++
			}
		}
		if k == len(need) {
			return true
		}
	}
	return false
}

// tokens are the words of s, each Chinese or Japanese character (and its
// punctuation) a word of its own: a line breaks between any two of them,
// and a cell's next line may follow another column's.
func tokens(s string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			flush()
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef:
			flush()
			out = append(out, string(r))
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}
