package packtest

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/synth"
)

// Pack is one pack of the set that output tests run on.
type Pack struct {
	Name string
	Dir  string
	// AsOf is the date the pack is current at: run the checks and stamp the
	// build with it, because review-team meetings and reviews fall due.
	AsOf model.Date
	// Draft is true for a pack whose document is a draft (it carries a
	// DRAFT watermark and is built even with errors).
	Draft bool
}

// PacksAsOf is the date every pack of the set is current at. The example
// pack and the second pack stay clean under the checks until late January
// 2027 (their review teams' next meetings fall due then), so this date is
// fixed rather than taken from the clock.
var PacksAsOf = model.NewDate(2026, 11, 24)

// SmallSynth is the size of the small synthetic packs of the set: big enough
// to have several areas and a real reporting tree, small enough to build in
// a moment.
var SmallSynth = synth.Size{Roles: 20, People: 120, Activities: 40, Competences: 12}

// Packs returns the packs every output test runs on, each written into its
// own temporary directory (or, for the packs kept in the repository, their
// directory there — do not write into it):
//
//   - example: the example pack, content/ (Halvora Health Systems);
//   - second: testdata/packs/second (Nordlys Freight & Customs Group);
//   - minimal: [Minimal];
//   - synth-s1, synth-s2: synthetic packs of [SmallSynth], seeds 1 and 2;
//   - synth-m: the synthetic pack synth.M (200 roles, 5,000 people), seed 1;
//     left out under `go test -short`, because writing and building it takes
//     seconds;
//   - stress: [Stress], 300-character names in mixed scripts, unbreakable
//     tokens, a role with 40 holders and one with 60 responsibilities; its
//     document is a draft.
//
// Every pack loads without errors and has no check errors as of AsOf
// (TestPackSet proves it); warnings are allowed, and the second pack has
// nine on purpose (see its README).
func Packs(t testing.TB) []Pack {
	t.Helper()
	packs, err := writePacks(func() (string, error) { return t.TempDir(), nil })
	if err != nil {
		t.Fatal(err)
	}
	return packs
}

// writePacks writes the set's packs that are not kept in the repository,
// each into a new directory newDir gives.
func writePacks(newDir func() (string, error)) ([]Pack, error) {
	root, err := moduleRoot()
	if err != nil {
		return nil, err
	}
	archive := func(a string) func(string) error { return func(dir string) error { return writeArchive(dir, a) } }
	synthetic := func(size synth.Size, seed int64) func(string) error {
		return func(dir string) error { return writeSynth(dir, size, seed) }
	}
	packs := []Pack{
		{Name: "example", Dir: filepath.Join(root, "content"), AsOf: PacksAsOf},
		{Name: "second", Dir: filepath.Join(root, "testdata", "packs", "second"), AsOf: PacksAsOf},
	}
	type written struct {
		pack  Pack
		write func(dir string) error
	}
	write := []written{
		{Pack{Name: "minimal", AsOf: PacksAsOf}, archive(Minimal)},
		{Pack{Name: "synth-s1", AsOf: PacksAsOf}, synthetic(SmallSynth, 1)},
		{Pack{Name: "synth-s2", AsOf: PacksAsOf}, synthetic(SmallSynth, 2)},
	}
	if !testing.Short() {
		write = append(write, written{Pack{Name: "synth-m", AsOf: PacksAsOf}, synthetic(synth.M, 1)})
	}
	write = append(write, written{Pack{Name: "stress", AsOf: PacksAsOf, Draft: true}, archive(Stress())})
	for _, w := range write {
		dir, err := newDir()
		if err != nil {
			return nil, err
		}
		if err := w.write(dir); err != nil {
			return nil, fmt.Errorf("writing the %s pack: %v", w.pack.Name, err)
		}
		w.pack.Dir = dir
		packs = append(packs, w.pack)
	}
	return packs, nil
}

// Exhaustive reports whether the exhaustive tier of the tests runs (make
// test-all sets ROLEPACK_TEST_ALL=1). The fast tier (make test) reads back
// a sample of each pack's people (internal/sample); the exhaustive tier
// reads back every one, and runs the slowest property checks.
func Exhaustive() bool { return os.Getenv("ROLEPACK_TEST_ALL") == "1" }

// Loaded is a pack of the set, loaded.
type Loaded struct {
	Pack
	Model *model.Pack
}

// LoadAll returns the packs of the set (as [Packs]), loaded once per test
// binary and shared: treat them as read-only. A loaded pack holds all its
// sources in memory, so the packs written for it are removed once loaded;
// their Dir is then empty (use [Packs] for a test that needs the files).
func LoadAll(t testing.TB) []Loaded {
	t.Helper()
	packs, err := loadAll()
	if err != nil {
		t.Fatal(err)
	}
	return packs
}

var loadAll = sync.OnceValues(func() ([]Loaded, error) {
	tmp, err := os.MkdirTemp("", "packtest-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	packs, err := writePacks(func() (string, error) { return os.MkdirTemp(tmp, "") })
	if err != nil {
		return nil, err
	}
	var out []Loaded
	for _, pk := range packs {
		p, err := model.Load(pk.Dir)
		if err != nil {
			return nil, fmt.Errorf("loading %s: %v", pk.Name, err)
		}
		if strings.HasPrefix(pk.Dir, tmp) {
			pk.Dir = ""
		}
		out = append(out, Loaded{Pack: pk, Model: p})
		// Each translation is a pack of the set too, so that every output
		// test lays out, reads back and compares the translated text.
		for _, lang := range p.Languages[1:] {
			tp, err := p.Translated(lang)
			if err != nil {
				return nil, fmt.Errorf("translating %s into %s: %v", pk.Name, lang, err)
			}
			tr := pk
			tr.Name, tr.Dir = pk.Name+"-"+lang, ""
			out = append(out, Loaded{Pack: tr, Model: tp})
		}
	}
	return out, nil
})

// ModuleRoot returns the directory holding go.mod, found by walking up from
// the test's working directory, so that tests in any package find content/.
func ModuleRoot(t testing.TB) string {
	t.Helper()
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("packtest: no go.mod above the working directory")
		}
		dir = parent
	}
}

// writeSynth writes a synthetic pack into dir.
func writeSynth(dir string, size synth.Size, seed int64) error {
	files, err := synth.Generate(synth.Options{Size: size, Seed: seed, AsOf: PacksAsOf})
	if err != nil {
		return err
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Stress sizes: what the stress pack pushes to the extreme.
const (
	StressTextRunes       = 300 // names, titles, limits, clauses, list entries
	StressTokenRunes      = 120 // a word with no break opportunity
	StressHolders         = 40  // holders of one role
	StressResponsibilites = 60  // responsibilities of one role
)

// stressWords mix scripts, diacritics and right-to-left text; they are cycled
// to fill long values.
var stressWords = []string{
	"Ærøskøbing", "Παπαδόπουλος", "Коваленко", "Nguyễn", "Thị", "Hương", "山田太郎", "Wiśniewska", "Weiß",
	"Núñez", "Łódź", "Żaneta", "Þórsdóttir", "Ελληνικά", "Україна", "東京都千代田区丸の内", "Ångström", "Müller-Lüdenscheidt",
	"محمد", "Öztürk", "Çağlayan", "Dvořák", "Ђорђевић", "Søren", "Ōsaka", "ʻIolani", "Zoë", "Ñandú",
}

// StressToken is a word of StressTokenRunes letters with no hyphen, space or
// other break opportunity; renderers must wrap or clip it, not overflow.
var StressToken = takeRunes(strings.Repeat("Zollabfertigungsdokumentenprüfungsverfahren", 4), StressTokenRunes)

func takeRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// stressText returns a value of exactly StressTextRunes runes that starts
// with label (so that values stay distinct) and continues with mixed-script
// words; withToken puts StressToken in the middle.
func stressText(label string, withToken bool) string {
	var b strings.Builder
	b.WriteString(label)
	for i := 0; utf8.RuneCountInString(b.String()) < StressTextRunes; i++ {
		b.WriteByte(' ')
		if withToken && i == 3 {
			b.WriteString(StressToken)
			continue
		}
		b.WriteString(stressWords[(len(label)+i)%len(stressWords)])
	}
	s := strings.TrimSpace(takeRunes(b.String(), StressTextRunes))
	for utf8.RuneCountInString(s) < StressTextRunes {
		s += "x"
	}
	return s
}

// stressID returns an id of the longest allowed length, model.MaxIDLength,
// starting with prefix.
func stressID(prefix string) string {
	id := prefix
	for len(id) < model.MaxIDLength {
		id += "-long"
	}
	id = id[:model.MaxIDLength]
	if strings.HasSuffix(id, "-") {
		id = id[:len(id)-1] + "x"
	}
	return id
}

// quoteTOML writes s as a TOML basic string; the stress texts hold no
// control characters.
func quoteTOML(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = "\n  " + quoteTOML(s)
	}
	return "[" + strings.Join(q, ",") + "\n]"
}

// Stress returns a txtar archive of a pack at the edges of what the loader
// accepts: every short text StressTextRunes long and in mixed scripts
// (including Arabic), ids of the maximum length, a token of
// StressTokenRunes runes with no break opportunity in names, titles,
// responsibilities, limits and activities, a purpose near the long-text
// limit, a role with StressHolders holders and one with
// StressResponsibilites responsibilities. The document is a draft. It loads
// cleanly and has no check errors as of PacksAsOf.
func Stress() string {
	var f strings.Builder
	file := func(name string) { fmt.Fprintf(&f, "-- %s --\n", name) }
	kv := func(k, v string) { fmt.Fprintf(&f, "%s = %s\n", k, quoteTOML(v)) }

	areas := []string{stressID("area-a"), stressID("area-b"), stressID("area-c")}
	const people = StressHolders + 10
	person := func(i int) string { return stressID(fmt.Sprintf("person-%02d", i)) }
	roleTop, roleISM, roleCrowd, roleLong, roleAudit, roleAll :=
		stressID("top"), stressID("ism"), stressID("crowd"), stressID("responsibilities"), stressID("audit"), stressID("everyone")
	comp, compAll := stressID("competence-core"), stressID("competence-awareness")
	const version = "9.9"

	// pack.toml
	file("pack.toml")
	f.WriteString("[organisation]\n")
	kv("name", stressText("Organisation", true))
	var scope strings.Builder
	// Paragraphs up to a little under the long-text limit.
	for i := 0; utf8.RuneCountInString(scope.String()) < model.MaxTextRunes-2*StressTextRunes; i++ {
		fmt.Fprintf(&scope, "%s *%d*.\n\n", stressText(fmt.Sprintf("Scope paragraph %d", i), i%5 == 0), i)
	}
	fmt.Fprintf(&f, "scope = \"\"\"\n%s\"\"\"\n", scope.String())
	for i, id := range areas {
		f.WriteString("\n[[area]]\n")
		kv("id", id)
		kv("name", stressText(fmt.Sprintf("Area %d", i), i == 0))
	}
	f.WriteString("\n[document]\n")
	kv("id", stressText("DOC", false))
	kv("title", stressText("Title", true))
	kv("version", version)
	kv("status", model.StatusDraft)
	kv("classification", stressText("Classification", false))
	kv("owner", roleISM)
	f.WriteString("review_interval_months = 12\nlast_review = 2026-11-01\n")
	var dist []string
	for i := range 20 {
		dist = append(dist, stressText(fmt.Sprintf("Distribution %d", i), i == 0))
	}
	fmt.Fprintf(&f, "distribution = %s\n", quoteList(dist))
	for i := range 12 {
		f.WriteString("\n[[revision]]\n")
		v := fmt.Sprintf("9.%d", i-2)
		if i < 2 {
			v = fmt.Sprintf("%d.0", i+1)
		}
		if i == 11 {
			v = version
		}
		kv("version", v)
		fmt.Fprintf(&f, "date = 2025-%02d-01\n", i+1)
		kv("author", stressText(fmt.Sprintf("Author %d", i), false))
		kv("summary", stressText(fmt.Sprintf("Revision %d", i), i%3 == 0))
	}

	// people.toml: person 0 is the chief, 1 the security manager, 2 the
	// auditor (external), 3..3+StressHolders-1 the crowd, the rest deputies
	// and staff; the last one has left.
	// The built-in faces have no Japanese or Arabic (docs/format.md).
	f.WriteString("\n[[font]]\nfamily = \"Noto Sans CJK JP\"\n\n[[font]]\nfamily = \"Noto Sans Arabic\"\n")
	file("people.toml")
	for i := range people {
		f.WriteString("\n[[person]]\n")
		kv("id", person(i))
		kv("name", stressText(fmt.Sprintf("P%02d", i), i%7 == 0))
		kv("job_title", stressText(fmt.Sprintf("Job %02d", i), i%5 == 0))
		kv("area", areas[i%len(areas)])
		kv("department", stressText(fmt.Sprintf("Department %02d", i), false))
		kv("email", fmt.Sprintf("%s@%s.example", strings.Repeat("a", 60)+fmt.Sprint(i), strings.Repeat("b", 60)))
		if i > 0 {
			kv("line_manager", person((i-1)/3))
		}
		switch {
		case i == 2:
			f.WriteString("external = true\n")
			kv("company", stressText("Company", true))
		case i == people-1:
			f.WriteString("status = \"leaver\"\nleft_on = 2026-06-30\n")
		}
	}

	// roles
	type assignment struct{ person, deputy int }
	role := func(id, name, reportsTo string, extra string, responsibilities []string, holders []assignment) {
		file(path.Join("roles", id+".toml"))
		kv("id", id)
		kv("name", stressText(name, name == "Crowd"))
		kv("category", stressText("Category "+name[:1], false))
		if reportsTo != "" {
			kv("reports_to", reportsTo)
		}
		f.WriteString(extra)
		fmt.Fprintf(&f, "purpose = \"\"\"\n%s\n\n%s\n\"\"\"\n", stressText("Purpose", true), stressText("Second paragraph", false))
		fmt.Fprintf(&f, "responsibilities = %s\n", quoteList(responsibilities))
		kv("education", stressText("Education "+name, false))
		kv("experience", stressText("Experience "+name, true))
		var refs []string
		for i := range 30 {
			refs = append(refs, stressText(fmt.Sprintf("A.5.%d", i+1), false))
		}
		fmt.Fprintf(&f, "references = %s\n", quoteList(refs))
		for i := range 5 {
			f.WriteString("\n[[authority]]\n")
			kv("text", stressText(fmt.Sprintf("Authority %d %s", i, name), i == 0))
			kv("limit", stressText(fmt.Sprintf("Limit %d: NOK 250,000 / ¥3,000,000 / EUR 50 000", i), i == 1))
		}
		f.WriteString("\n[[requirement]]\n")
		kv("competence", comp)
		f.WriteString("level = 2\n")
		var internal, external []string
		for i := range 8 {
			internal = append(internal, stressText(fmt.Sprintf("Internal %d", i), i == 0))
			external = append(external, stressText(fmt.Sprintf("External %d", i), i == 1))
		}
		fmt.Fprintf(&f, "\n[communication]\ninternal = %s\nexternal = %s\n", quoteList(internal), quoteList(external))
		for _, a := range holders {
			f.WriteString("\n[[assignment]]\n")
			kv("person", person(a.person))
			f.WriteString("appointed_on = 2025-01-15\n")
			kv("evidence", stressText(fmt.Sprintf("Evidence %02d", a.person), a.person%4 == 0))
			kv("deputy", person(a.deputy))
		}
	}
	few := func(label string) []string {
		return []string{stressText(label+" one", true), stressText(label+" two", false)}
	}
	role(roleTop, "Top", "", "", few("Top"), []assignment{{0, 1}})
	role(roleISM, "Security", roleTop, "clause_5_3 = [\"a\", \"b\"]\n", few("Security"), []assignment{{1, 0}})
	role(roleAudit, "Audit", roleTop, fmt.Sprintf("conflicts_with = [%s]\n", quoteTOML(roleISM)), few("Audit"), []assignment{{2, 0}})
	var crowd []assignment
	for i := range StressHolders {
		crowd = append(crowd, assignment{3 + i, 3 + (i+1)%StressHolders})
	}
	role(roleCrowd, "Crowd", roleISM, "", few("Crowd"), crowd)
	var many []string
	for i := range StressResponsibilites {
		many = append(many, stressText(fmt.Sprintf("Responsibility %02d", i), i%10 == 0))
	}
	role(roleLong, "Responsibilities", roleCrowd, "", many, []assignment{{people - 2, 1}})
	file(path.Join("roles", roleAll+".toml"))
	kv("id", roleAll)
	kv("name", stressText("Everyone", false))
	kv("category", stressText("Category everyone", false))
	kv("reports_to", roleLong)
	f.WriteString("held_by_everyone = true\n")
	kv("purpose", stressText("Everyone purpose", true))
	fmt.Fprintf(&f, "responsibilities = %s\n", quoteList(few("Everyone")))
	f.WriteString("\n[[authority]]\n")
	kv("text", stressText("Everyone may", false))
	f.WriteString("\n[[requirement]]\n")
	kv("competence", compAll)
	f.WriteString("level = 1\n")

	// raci.toml: one activity per ISMS process the checks look for.
	file("raci.toml")
	for i, process := range []string{"risk", "incident", "audit", "supplier", "continuity", "change", "access", "awareness"} {
		f.WriteString("\n[[activity]]\n")
		kv("id", stressID(fmt.Sprintf("activity-%d", i)))
		kv("name", stressText(fmt.Sprintf("Activity %d", i), i%2 == 0))
		kv("process", stressText(process+" process", i == 0))
		kv("clause", stressText("A.5.24, A.5.25, A.5.26, A.5.27, A.5.28; GDPR Art. 33–34; NIS2 Art. 23;", i == 1))
		fmt.Fprintf(&f, "responsible = [%s, %s]\n", quoteTOML(roleCrowd), quoteTOML(roleLong))
		kv("accountable", roleISM)
		fmt.Fprintf(&f, "supporting = [%s]\n", quoteTOML(roleAll))
		fmt.Fprintf(&f, "consulted = [%s, %s]\n", quoteTOML(roleAudit), quoteTOML(roleTop))
		fmt.Fprintf(&f, "informed = [%s]\n", quoteTOML(roleAll))
	}

	// competences.toml
	file("competences.toml")
	for l := range 4 {
		fmt.Fprintf(&f, "\n[[level]]\nlevel = %d\n", l)
		kv("name", stressText(fmt.Sprintf("Level %d", l), l == 2))
		kv("description", stressText(fmt.Sprintf("Level %d means", l), false))
	}
	for i, id := range []string{comp, compAll} {
		f.WriteString("\n[[competence]]\n")
		kv("id", id)
		kv("name", stressText(fmt.Sprintf("Competence %d", i), i == 0))
		kv("kind", model.CompetenceKinds[i])
		kv("description", stressText(fmt.Sprintf("Competence %d covers", i), true))
	}
	for i := range people - 1 {
		for _, c := range []struct {
			id    string
			level int
		}{{comp, 2}, {compAll, 1}} {
			f.WriteString("\n[[record]]\n")
			kv("person", person(i))
			kv("competence", c.id)
			fmt.Fprintf(&f, "level = %d\n", c.level)
			kv("evidence", stressText(fmt.Sprintf("Record %02d", i), i%6 == 0))
			f.WriteString("date = 2026-02-01\n")
		}
	}

	// review-team.toml
	file("review-team.toml")
	kv("name", stressText("Review team", true))
	kv("chair", person(0))
	kv("reports_to", stressText("Board", false))
	kv("cadence", stressText("Quarterly", false))
	var agenda, duties []string
	for i := range 20 {
		agenda = append(agenda, stressText(fmt.Sprintf("Agenda %02d", i), i == 0))
	}
	for i := range 10 {
		duties = append(duties, stressText(fmt.Sprintf("Duty %02d", i), i == 1))
	}
	fmt.Fprintf(&f, "agenda = %s\nduties = %s\n", quoteList(agenda), quoteList(duties))
	for i, area := range areas {
		f.WriteString("\n[[member]]\n")
		kv("person", person(i*3))
		kv("area", area)
		kv("deputy", person(i*3+1))
		if i == 0 {
			f.WriteString("senior_leadership = true\n")
		}
	}
	for _, date := range []string{"2025-11-18", "2026-02-17", "2026-05-19", "2026-08-18", "2026-11-17"} {
		fmt.Fprintf(&f, "\n[[meeting]]\ndate = %s\n", date)
		kv("minutes", stressText("Minutes "+date, date == "2026-11-17"))
	}

	// acknowledgements.toml: every active person, of the current version.
	file("acknowledgements.toml")
	for i := range people - 1 {
		f.WriteString("\n[[acknowledgement]]\n")
		kv("person", person(i))
		kv("version", version)
		f.WriteString("date = 2026-11-05\n")
		kv("evidence", stressText(fmt.Sprintf("Acknowledgement %02d", i), i == 5))
	}
	return f.String()
}

// ExampleIn writes a copy of the example pack (content/) whose pack.toml
// also says head — typically `language = "de"`, and a [[font]] for a
// script the built-in faces lack — before its first table, and returns
// its directory: the example as a pack written in another language.
func ExampleIn(t testing.TB, head string) string {
	t.Helper()
	src := filepath.Join(ModuleRoot(t), "content")
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "pack.toml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(data), "\n[organisation]")
	if i < 0 {
		t.Fatal("content/pack.toml has no [organisation] table")
	}
	data = []byte(string(data[:i+1]) + head + "\n\n" + string(data[i+1:]))
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}
