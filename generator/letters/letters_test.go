package letters_test

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rolepack/rolepack/generator/letters"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/stamp"
	"github.com/rolepack/rolepack/generator/view"
	"github.com/rolepack/rolepack/internal/packtest"
)

var st = stamp.Stamp{Version: "1.0", ContentHash: strings.Repeat("cd", 32), BuildDate: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC), Tool: "rolepack test"}

// The default templates parse and use only known fields.
func TestDefaultTemplatesLoad(t *testing.T) {
	ts, err := letters.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	if ts.Appointment.Path() != "templates/letters/appointment.md" || ts.Deputy.Path() != "templates/letters/deputy.md" {
		t.Errorf("template paths %q, %q", ts.Appointment.Path(), ts.Deputy.Path())
	}
}

// A field outside the fixed set is refused at parse time, at its file,
// line and column, with the nearest field suggested; so is a field of a
// field, and a syntax error names its line.
func TestUnknownFieldIsAnErrorAtFileLine(t *testing.T) {
	const path = "templates/letters/appointment.md"
	for _, c := range []struct {
		name, src string
		want      []string
	}{
		{"misspelt", "Dear {{.Person}},\n\nfrom {{.AppointedOn}} as {{.Roel}}\n", []string{path + `:3:28: unknown field ".Roel" (did you mean ".Role"?)`, ".Organisation, .Person"}},
		{"inside range", "{{range .Authorities}}\n- {{.Limit}}\n{{end}}", []string{path + `:2:5: unknown field ".Limit"`}},
		{"inside if", "{{if .Deputy}}x{{else}}{{$.Salary}}{{end}}", []string{path + `:1:27: unknown field ".Salary"`}},
		{"field of a field", "x\n{{.Role.Name}}", []string{path + `:2:8: ".Role.Name" has no fields`}},
		{"syntax", "one\ntwo {{.Person\n", []string{path + ":3: unclosed action started at " + path + ":2", "fix the template"}},
		{"two at once", "{{.A}}\n{{.B}}", []string{path + `:1:3: unknown field ".A"`, path + `:2:3: unknown field ".B"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := letters.Parse(path, c.src)
			if err == nil {
				t.Fatal("parsed without an error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\nlacks %q", err, w)
				}
			}
		})
	}
	if _, err := letters.Parse(path, "{{.Person}} {{range .Authorities}}{{.}}{{end}} {{with .Deputy}}{{.}}{{end}} {{$.Role}}"); err != nil {
		t.Errorf("a template of known fields: %v", err)
	}
}

// Values print as written: Markdown in a name or a text is escaped, so a
// "*" cannot start emphasis and a line break cannot end the paragraph.
func TestValuesAreEscaped(t *testing.T) {
	tmpl, err := letters.Parse("t.md", "Dear {{.Person}}\n\n{{range .Responsibilities}}- {{.}}\n{{end}}")
	if err != nil {
		t.Fatal(err)
	}
	// A responsibility is inline Markdown already (model.InlineSource):
	// kept, but for a line break.
	out, err := tmpl.Execute(letters.Fields{Person: "*Ann* [x](http://e.example)", Responsibilities: []string{"**Patch** [x](http://e.example)\n- not a list"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "Dear \\*Ann\\* \\[x\\]\\(http\\:\\/\\/e\\.example\\)\n\n- **Patch** [x](http://e.example) - not a list\n"
	if out != want {
		t.Errorf("got\n%q\nwant\n%q", out, want)
	}
}

// One letter per seat held and per seat deputised for, named by role (and
// holder) in the person's folder, signed by the holder of the role
// reported to, else top management.
func TestLettersOfThePeople(t *testing.T) {
	p := packtest.Load(t, packtest.Minimal)
	v := view.New(p, st, nil)
	got := map[string][]string{}
	for _, pv := range v.Seated {
		for _, l := range letters.For(v, pv) {
			got[pv.ID] = append(got[pv.ID], l.File+" by "+l.Signer.Name+" as "+l.Signer.Title)
		}
	}
	want := map[string][]string{
		// The top role: no role above; the approver is the appointee.
		"ceo-person": {"people/ceo-person/appointment-ceo.pdf by  as Top management"},
		// Ann deputises for Bob in a role reporting to her own: nobody
		// signs their own letter, so the top of the lines does.
		// A holder signs by their job title and the role, or by the role
		// alone when the two are the same (Carla is the Chief Executive).
		"ann":  {"people/ann/appointment-ism.pdf by Carla Chief as Chief Executive", "people/ann/deputy-sysadmin-bob.pdf by Carla Chief as Top management (Chief Executive)"},
		"bob":  {"people/bob/appointment-sysadmin.pdf by Ann Admin as Security Manager, Information Security Manager", "people/bob/deputy-ism-ann.pdf by Carla Chief as Chief Executive"},
		"dora": {"people/dora/deputy-ceo-ceo-person.pdf by Carla Chief as Top management (document approver)", "people/dora/deputy-auditor-eve.pdf by Carla Chief as Chief Executive"},
	}
	for id, w := range want {
		if strings.Join(got[id], "\n") != strings.Join(w, "\n") {
			t.Errorf("%s's letters:\n%s\nwant\n%s", id, strings.Join(got[id], "\n"), strings.Join(w, "\n"))
		}
	}
	if _, ok := got["eve"]; !ok {
		t.Error("Eve, the auditor, has no letter")
	}
}

// A role whose reported-to role is vacant is signed at the top of its
// reporting lines.
func TestAppointerSkipsAVacantRole(t *testing.T) {
	archive := packtest.Edit(packtest.Minimal, "roles/ism.toml", "[[assignment]]\nperson = \"ann\"\nappointed_on = 2025-02-01\nevidence = \"HR-2\"\ndeputy = \"bob\"\n", "")
	p, err := model.Load(packtest.Write(t, archive))
	if err != nil {
		t.Fatal(err)
	}
	v := view.New(p, st, nil)
	for _, pv := range v.Seated {
		if pv.ID != "bob" {
			continue
		}
		ls := letters.For(v, pv)
		if len(ls) == 0 || ls[0].Signer != (letters.Signer{Name: "Carla Chief", Title: "Top management (Chief Executive)"}) {
			t.Fatalf("Bob's letter is signed by %+v", ls)
		}
		return
	}
	t.Fatal("Bob is not seated")
}

// Each shipped language has its own default templates; a pack's
// templates/letters/<lang>/… overrides a language's, and its
// templates/letters/… overrides only the pack's authoritative language's.
func TestLoadForLanguage(t *testing.T) {
	for _, lang := range messages.Languages() {
		ts, err := letters.LoadFor(nil, lang, "en")
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		want := "templates/letters/" + lang + "/appointment.md"
		if lang == "en" {
			want = "templates/letters/appointment.md"
		}
		if ts.Appointment.Path() != want {
			t.Errorf("%s: appointment template %q, want %q", lang, ts.Appointment.Path(), want)
		}
	}
	overrides := fstest.MapFS{
		"letters/appointment.md":    {Data: []byte("Root {{.Person}}\n")},
		"letters/ja/appointment.md": {Data: []byte("Japanese {{.Person}}\n")},
	}
	for _, c := range []struct{ lang, source, want string }{
		{"de", "de", "templates/letters/appointment.md"},    // the pack's own language: its root override
		{"de", "en", "templates/letters/de/appointment.md"}, // a translation: rolepack's German
		{"ja", "en", "templates/letters/ja/appointment.md"}, // a translation with an override of its own
		{"ja", "ja", "templates/letters/ja/appointment.md"}, // the language's override wins over the root one
	} {
		ts, err := letters.LoadFor(overrides, c.lang, c.source)
		if err != nil {
			t.Fatal(err)
		}
		if got := ts.Appointment.Path(); got != c.want {
			t.Errorf("%s of a %s pack: %q, want %q", c.lang, c.source, got, c.want)
		}
	}
	ts, err := letters.LoadFor(overrides, "ja", "en")
	if err != nil {
		t.Fatal(err)
	}
	if body, _ := ts.Appointment.Execute(letters.Fields{Person: "Aiko"}); body != "Japanese Aiko\n" {
		t.Errorf("the Japanese override gave %q", body)
	}
}

// The holder of the role an appointee reports to signs by their own job
// title with the role: "Chief Operating Officer, Senior Leadership Team",
// never "Holder of Senior Leadership Team", which misreads a role that
// several people hold together; with no job title, by the role's name.
func TestHolderTitle(t *testing.T) {
	en := messages.Builtin("en")
	slt := &model.Role{Name: "Senior Leadership Team"}
	for _, c := range []struct {
		job, want string
	}{
		{"Chief Operating Officer", "Chief Operating Officer, Senior Leadership Team"},
		{"", "Senior Leadership Team"},
		{"senior leadership team", "Senior Leadership Team"},
	} {
		if got := letters.HolderTitle(en, &model.Person{JobTitle: c.job}, slt); got != c.want {
			t.Errorf("job title %q: %q, want %q", c.job, got, c.want)
		}
	}
	if got := letters.HolderTitle(messages.Builtin("de"), &model.Person{}, slt); got != "Inhaber der Rolle Senior Leadership Team" {
		t.Errorf("German without a job title: %q", got)
	}
}

// On every pack of the set, each letter a role's holder signs names the
// signer by their job title when the pack gives one.
func TestHoldersSignByTheirJobTitles(t *testing.T) {
	for _, l := range packtest.LoadAll(t) {
		v := view.New(l.Model, st, nil)
		signed := 0
		for _, pv := range v.Seated {
			for _, lt := range letters.For(v, pv) {
				above := lt.Seat.Role.ReportsTo
				if above == nil || v.Role(above) == nil {
					continue
				}
				for _, seat := range v.Role(above).Seats {
					p := seat.Person
					if p.Name != lt.Signer.Name || p == pv.Person {
						continue
					}
					if job := strings.TrimSpace(p.JobTitle); job != "" && !strings.Contains(lt.Signer.Title, job) {
						t.Errorf("%s: %s is signed by %s as %q, without their job title %q", l.Name, lt.File, p.Name, lt.Signer.Title, job)
					}
					signed++
					break
				}
			}
		}
		if signed == 0 && l.Name == "example" {
			t.Errorf("%s: no letter is signed by a holder", l.Name)
		}
	}
}
