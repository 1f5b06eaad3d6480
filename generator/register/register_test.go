package register

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/generator/check"
	"github.com/rolepack/rolepack/generator/model"
)

var today = model.NewDate(2026, 11, 24)

// workbook builds an .xlsx file: each sheet's rows from A1; a cell value
// that starts with "fx:" is written as a formula with no saved value.
func workbook(t *testing.T, sheets ...sheetRows) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				var err error
				if str, ok := v.(string); ok && strings.HasPrefix(str, "fx:") {
					err = f.SetCellFormula(s.name, ref, str[3:])
				} else {
					err = f.SetCellValue(s.name, ref, v)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

type sheetRows struct {
	name string
	rows [][]any
}

const registerCSV = `Role,Description,Holder,E-Mail,Deputy,Responsibilities,Authorities,Reports to,Appointed on
Managing Director,Leads the company.,Avery Stone,avery@example.com,,"- Approve the security policy
- Provide resources",Accept risks above the owners' limit,,2024-03-01
Information Security Manager,"Runs the ISMS day to day.",Ana Lima,ana@example.com,Bo Chen,"Maintain the ISMS
Report on the ISMS to management","Stop a risky change",Managing Director,
IT Administrator,,Bo Chen,bo@example.com,,Patch systems,,Information Security Manager,01.02.2025

Data Protection Officer,,,,,,,Chief Executive,
All staff,Everyone keeps information safe.,,,,Report incidents,,Managing Director,
`

const raciCSV = "\ufeffISMS RACI, version 3;;;;;\n" +
	"Activity;Clause;CEO;ISMS Manager;IT Admin;All staff;Notes\n" +
	"Risk management;;;;;;\n" +
	"Run the risk assessment;6.1.2;A;R;C;;yearly\n" +
	"Treat risks;6.1.3;a;r;;I;\n" +
	";;;;;;\n" +
	"Incident management;;;;;;\n" +
	"Respond to incidents;A.5.26;I;A;R/S;r;\n"

// TestReadsBothShapes reads role registers and RACI matrices in CSV and
// XLSX, writes each pack, and has the model load it back and the checks
// find no error in it.
func TestReadsBothShapes(t *testing.T) {
	cases := []struct {
		name       string
		file       string
		data       func(t *testing.T) []byte
		opts       Options
		shape      Shape
		roles      []string
		people     int
		activities int
		want       map[string][]string // file → lines it holds
	}{
		{
			name: "register CSV", file: "roles.csv", data: func(*testing.T) []byte { return []byte(registerCSV) },
			shape: ShapeRegister, people: 4, // Bo holds one role and deputises in another; one placeholder
			roles: []string{"managing-director", "information-security-manager", "it-administrator", "data-protection-officer", "all-staff"},
			want: map[string][]string{
				"roles/information-security-manager.toml": {`clause_5_3 = ["a", "b"]`, `reports_to = "managing-director"`, `deputy = "bo-chen"`, `  "Report on the ISMS to management",`, `text = "Stop a risky change"`, `# Information Security Manager: from roles.csv:4:1.`},
				"roles/managing-director.toml":            {`appointed_on = 2024-03-01`, `  "Approve the security policy",`},
				"roles/it-administrator.toml":             {`appointed_on = 2025-02-01`},
				"roles/all-staff.toml":                    {`held_by_everyone = true`},
				"roles/data-protection-officer.toml":      {`person = "holder-of-data-protection-officer"`, `# FILL IN: reports_to: the spreadsheet says "Chief Executive", which is no role here`},
				"review-team.toml":                        {`chair = "avery-stone"`, `deputy = "ana-lima"`, `date = 2026-11-24`},
				"pack.toml":                               {`owner = "information-security-manager"`, `author = "Ana Lima"`},
				"people.toml":                             {`id = "bo-chen"`, `email = "bo@example.com"`, `name = "To be named – Data Protection Officer"`},
			},
		},
		{
			name: "register XLSX, title rows, German headers, day numbers", file: "register.xlsx",
			data: func(t *testing.T) []byte {
				return workbook(t, sheetRows{"Notes", [][]any{{"nothing here"}}}, sheetRows{"Rollen Register", [][]any{
					{"Rollenregister 2026"},
					{},
					{"Rolle", "Beschreibung", "Inhaber", "E-Mail-Adresse", "Stellvertreter", "Aufgaben", "Ernannt am"},
					{"Geschäftsführung", "Leitet das Unternehmen.", "Jürgen Weiß", "jw@example.com", "", "Richtlinie freigeben\nRessourcen bereitstellen", 45000},
					{"Informationssicherheitsbeauftragte", "Betreibt das ISMS.", "Zoë Ñúñez", "", "Jürgen Weiß", "ISMS pflegen", ""},
				}})
			},
			shape: ShapeRegister, people: 2, roles: []string{"geschaeftsfuehrung", "informationssicherheitsbeauftragte"},
			want: map[string][]string{
				"roles/geschaeftsfuehrung.toml":                 {`appointed_on = 2023-03-15`, `# Geschäftsführung: from register.xlsx:'Rollen Register'!A4.`},
				"roles/informationssicherheitsbeauftragte.toml": {`clause_5_3 = ["a", "b"]`, `deputy = "juergen-weiss"`},
				"people.toml": {`id = "zoe-nunez"`, `name = "Zoë Ñúñez"`},
				"pack.toml":   {`summary = "First draft, imported from register.xlsx, sheet Rollen Register."`},
			},
		},
		{
			name: "RACI CSV, semicolons, BOM, heading rows", file: "raci.csv", data: func(*testing.T) []byte { return []byte(raciCSV) },
			shape: ShapeRACI, people: 3, activities: 3,
			roles: []string{"ceo", "isms-manager", "it-admin", "all-staff"},
			want: map[string][]string{
				"raci.toml": {`process = "Risk management"`, `process = "Incident management"`, `responsible = ["it-admin", "all-staff"]`,
					`supporting = "it-admin"`, `accountable = "ceo"`, `informed = "all-staff"`, `# from raci.csv:4:1`},
				"roles/isms-manager.toml": {`clause_5_3 = ["a", "b"]`, `  "Accountable for: Respond to incidents",`, `  "Responsible for: Run the risk assessment",`},
				"roles/all-staff.toml":    {`held_by_everyone = true`},
				"roles/ceo.toml":          {`person = "holder-of-ceo"            # FILL IN: a placeholder (people.toml)`},
			},
		},
		{
			name: "RACI XLSX, process column, merged process cells, R/A", file: "raci.xlsx",
			data: func(t *testing.T) []byte {
				return workbook(t, sheetRows{"RACI", [][]any{
					{"Process", "Activity", "Top management", "CISO", "Risk owner"},
					{"Risk management", "Assess risks", "A", "R", "C"},
					{"", "Accept residual risk", "I", "C", "R/A"},
					{"Audit", "Plan audits", "A", "R", ""},
				}})
			},
			shape: ShapeRACI, people: 3, activities: 3, roles: []string{"top-management", "ciso", "risk-owner"},
			want: map[string][]string{
				"raci.toml":       {`name = "Accept residual risk"`, `accountable = "risk-owner"`, `responsible = "risk-owner"`, `# from raci.xlsx:RACI!B3`},
				"roles/ciso.toml": {`clause_5_3 = ["a", "b"]`},
			},
		},
		{
			name: "column map", file: "odd.csv",
			data: func(*testing.T) []byte {
				return []byte("Post,Who,Stand-in person,Comment\nSecurity Lead,Kim Park,Lee Park,ok\nWarehouse Head,Lee Park,,\n")
			},
			opts:  Options{Map: map[string]string{"post": FieldRole, "who": FieldHolder, "stand in person": FieldDeputy, "comment": FieldIgnore}},
			shape: ShapeRegister, people: 2, roles: []string{"security-lead", "warehouse-head"},
			want: map[string][]string{"roles/security-lead.toml": {`deputy = "lee-park"`, `clause_5_3 = ["a", "b"]`}},
		},
		{
			name: "quotes, backslashes and TOML in cells", file: "odd.csv",
			data: func(*testing.T) []byte {
				return []byte("Role,Description,Holder,Responsibilities\n" +
					"\"Security \"\"Lead\"\"\",\"Line one\n\"\"\"\"\"\" ] # [[person]]\nC:\\path\\\",\"O'Brien, Seán\",\"\n\n* Keep [[keys]] = \"\"safe\"\"\n\n\"\n")
			},
			shape: ShapeRegister, people: 1, roles: []string{"security-lead"},
			want: map[string][]string{
				"roles/security-lead.toml": {`name = "Security \"Lead\""`, `purpose = "Line one\n\"\"\" ] # [[person]]\nC:\\path\\"`, `  "Keep [[keys]] = \"safe\"",`},
				"people.toml":              {`name = "O'Brien, Seán"`, `id = "o-brien-sean"`},
			},
		},
		{
			name: "preset forces the shape", file: "raci2.csv",
			data:  func(*testing.T) []byte { return []byte("Task,Role,Owner\nKeep the register,R,A\n") },
			opts:  Options{Preset: "raci"},
			shape: ShapeRACI, people: 2, activities: 1, roles: []string{"role", "owner"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := c.opts
			o.Name, o.Date = c.file, today
			data := c.data(t)
			res, err := Read(data, o)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if res.Shape != c.shape {
				t.Errorf("shape %s, want %s", res.Shape, c.shape)
			}
			var roles []string
			files := map[string]string{}
			for _, f := range res.Files {
				files[f.Path] = string(f.Data)
				if id, ok := strings.CutPrefix(f.Path, "roles/"); ok {
					roles = append(roles, strings.TrimSuffix(id, ".toml"))
				}
			}
			if strings.Join(roles, " ") != strings.Join(c.roles, " ") {
				t.Errorf("roles %v, want %v", roles, c.roles)
			}
			if res.People != c.people || res.Activities != c.activities {
				t.Errorf("%d people, %d activities; want %d, %d", res.People, res.Activities, c.people, c.activities)
			}
			for file, lines := range c.want {
				for _, l := range lines {
					if !strings.Contains("\n"+files[file]+"\n", "\n"+l+"\n") && !strings.Contains(files[file], l+" ") {
						t.Errorf("%s has no line %q:\n%s", file, l, files[file])
					}
				}
			}
			// The same input writes the same bytes.
			again, err := Read(data, o)
			if err != nil {
				t.Fatal(err)
			}
			for i, f := range again.Files {
				if !bytes.Equal(f.Data, res.Files[i].Data) {
					t.Errorf("%s differs between two reads of the same file", f.Path)
				}
			}
			// The model loads what was written, and the checks find no error.
			dir := filepath.Join(t.TempDir(), "pack")
			w, err := Write(dir, res)
			if err != nil {
				t.Fatalf("Write: %v", err)
			}
			if w.Report.Errors != 0 {
				t.Errorf("%d check errors", w.Report.Errors)
			}
			p, err := model.Load(dir)
			if err != nil {
				t.Fatalf("the written pack does not load: %v", err)
			}
			if r := check.Run(p, today); r.Errors != 0 {
				t.Errorf("check: %d errors", r.Errors)
			}
		})
	}
}

// TestRefusesByRowAndColumn feeds broken and hostile spreadsheets and
// wants each problem at its cell, and nothing written.
func TestRefusesByRowAndColumn(t *testing.T) {
	big := strings.Repeat("x", MaxCellRunes+1)
	manyRows := "Role,Holder\n" + strings.Repeat("Some role,Someone\n", MaxRows+20)
	manyCols := strings.Repeat("Role,", MaxColumns+1) + "\n"
	badEmails := "Role,Holder,Email\n"
	for i := range 80 {
		badEmails += "Role " + strings.Repeat("x", i+1) + ",Person " + strings.Repeat("y", i+1) + ",no-at-sign\n"
	}
	cases := []struct {
		name string
		file string
		data func(t *testing.T) []byte
		opts Options
		want []string // each a problem's text, in order (a prefix is enough)
	}{
		{"no header", "a.csv", func(*testing.T) []byte { return []byte("Foo,Bar\n1,2\n") }, Options{},
			[]string{`a.csv:1:1: no header row names a role column (such as "Role") or an activity column`}},
		{"huge cell", "a.csv", func(*testing.T) []byte { return []byte("Role,Description\nISM,\"" + big + "\"\n") }, Options{},
			[]string{"a.csv:2:2: the description is 20001 characters long; the limit is 20000"}},
		{"huge name", "a.csv", func(*testing.T) []byte { return []byte("Role\n" + strings.Repeat("n", MaxLineRunes+1) + "\n") }, Options{},
			[]string{"a.csv:2:1: the role name is 2001 characters long; the limit is 2000"}},
		{"CSV formula", "a.csv", func(*testing.T) []byte {
			return []byte("Role,Holder\n\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",Ann\n")
		}, Options{},
			[]string{`a.csv:2:1: the role name starts with "=", as a formula does`}},
		{"XLSX formula without value", "a.xlsx", func(t *testing.T) []byte {
			return workbook(t, sheetRows{"Roles", [][]any{{"Role", "Holder"}, {"ISM", "fx:CONCAT(\"A\",\"B\")"}}})
		}, Options{}, []string{"a.xlsx:Roles!B2: the holder holds a formula with no saved value"}},
		{"duplicate roles", "a.csv", func(*testing.T) []byte { return []byte("Role,Holder\nISM,Ann\nCEO,Bob\n ism ,Cy\n") }, Options{},
			[]string{`a.csv:4:1: role "ism" is listed twice (first at a.csv:2:1)`}},
		{"holder deputy of themselves", "a.csv", func(*testing.T) []byte { return []byte("Role,Holder,Deputy\nISM,Ann Lee,ann  lee\n") }, Options{},
			[]string{`a.csv:2:3: "ann  lee" is named as the deputy of themselves`}},
		{"e-mail mismatch", "a.csv", func(*testing.T) []byte {
			return []byte("Role,Holder,Email\nISM,Ann,ann@x.org\nCEO,Ann,ann@y.org\nCFO,\"Bo\nCy\",bo@x.org\n")
		}, Options{}, []string{`a.csv:3:3: "Ann" has the e-mail "ann@y.org" here and "ann@x.org" at a.csv:2:2`, "a.csv:5:3: 1 e-mail address for 2 holders"}},
		{"future appointment", "a.csv", func(*testing.T) []byte {
			return []byte("Role,Holder,Appointed on\nISM,Ann,2027-01-01\nCEO,Bo,31/12/2020\n")
		}, Options{},
			[]string{"a.csv:2:3: the appointment date 2027-01-01 is after today (2026-11-24)", `a.csv:3:3: the appointment date "31/12/2020" is not a date: write it as YYYY-MM-DD`}},
		{"RACI: two A, no A, no R, bad letter", "r.csv", func(*testing.T) []byte {
			return []byte("Activity,CEO,ISM,IT\nOne,A,A,R\nTwo,R,C,\nThree,A,C,I\nFour,A,R,X\n")
		}, Options{}, []string{
			`r.csv:5:4: "X" is not a RACI letter`,
		}},
		{"RACI letters", "r.csv", func(*testing.T) []byte { return []byte("Activity,CEO,ISM,IT\nOne,A,A,R\nTwo,R,C,\nThree,A,C,I\n") }, Options{}, []string{
			`r.csv:2:3: a second Accountable role for "One" ("ISM"; "CEO" at r.csv:2:2 is the first)`,
			`r.csv:3:1: no role is Accountable (A) for "Two"`,
			`r.csv:4:1: no role is Responsible (R) for "Three"`,
		}},
		{"RACI duplicate role column", "r.csv", func(*testing.T) []byte { return []byte("Activity,CEO,ceo \nOne,A,R\n") }, Options{},
			[]string{`r.csv:1:3: role "ceo" is a column twice (first at r.csv:1:2)`}},
		{"RACI letters without role name", "r.csv", func(*testing.T) []byte { return []byte("Activity,CEO,\nOne,A,R\n") }, Options{},
			[]string{"r.csv:1:3: the column has RACI letters but no role name in the header row"}},
		{"too many rows", "a.csv", func(*testing.T) []byte { return []byte(manyRows) }, Options{},
			[]string{"a.csv:5012: more than 5000 rows; the limit is 5000"}},
		{"too many columns", "a.csv", func(*testing.T) []byte { return []byte(manyCols) }, Options{},
			[]string{"a.csv:1:201: more than 200 columns; the limit is 200"}},
		{"too big", "a.csv", func(*testing.T) []byte { return make([]byte, MaxFileBytes+1) }, Options{},
			[]string{"a.csv: the file is 16.0 MiB; the limit is 16.0 MiB"}},
		{"not UTF-8", "a.csv", func(*testing.T) []byte { return []byte("Role\nISM\nCaf\xe9\n") }, Options{},
			[]string{"a.csv:3: not UTF-8 text"}},
		{"bad quotes", "a.csv", func(*testing.T) []byte { return []byte("Role,Holder\n\"ISM,Ann\nCEO,\"Bo\"x\n") }, Options{},
			[]string{"a.csv:3:"}},
		{"not a workbook", "a.xlsx", func(*testing.T) []byte { return []byte("PK not really") }, Options{},
			[]string{"a.xlsx: not a workbook this program can read"}},
		{"no such sheet", "a.xlsx", func(t *testing.T) []byte { return workbook(t, sheetRows{"Roles", [][]any{{"Role"}, {"ISM"}}}) },
			Options{Sheet: "RACI"}, []string{`a.xlsx: no sheet "RACI"; the workbook has "Roles"`}},
		{"map names no column", "a.csv", func(*testing.T) []byte { return []byte("Role,Holder\nISM,Ann\n") },
			Options{Map: map[string]string{"inhaber": FieldHolder}}, []string{`a.csv:1: --map names column "inhaber", which is not in the header row (row 1)`}},
		{"unknown preset", "a.csv", func(*testing.T) []byte { return []byte("Role\nISM\n") }, Options{Preset: "sap"},
			[]string{`a.csv: unknown preset "sap"; presets: register, raci`}},
		{"not a spreadsheet", "a.ods", func(*testing.T) []byte { return []byte("x") }, Options{},
			[]string{"a.ods: not a .csv or .xlsx file"}},
		{"bounded count", "a.csv", func(*testing.T) []byte { return []byte(badEmails) }, Options{},
			[]string{`a.csv:2:3: e-mail "no-at-sign" has no @`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := c.opts
			o.Name, o.Date = c.file, today
			_, err := Read(c.data(t), o)
			var probs *Problems
			if !errors.As(err, &probs) {
				t.Fatalf("want problems, got %v", err)
			}
			if len(probs.List) < len(c.want) {
				t.Fatalf("want %d problems, got:\n%v", len(c.want), probs)
			}
			for i, w := range c.want {
				if got := probs.List[i].String(); !strings.HasPrefix(got, w) {
					t.Errorf("problem %d:\n got %s\nwant %s…", i, got, w)
				}
			}
			if len(probs.List) > MaxProblems {
				t.Errorf("%d problems listed; at most %d", len(probs.List), MaxProblems)
			}
			if c.name == "bounded count" && (len(probs.List) != MaxProblems || probs.More != 80-MaxProblems) {
				t.Errorf("listed %d and counted %d more; want %d and %d", len(probs.List), probs.More, MaxProblems, 80-MaxProblems)
			}
		})
	}
}

// TestModelRefusalsComeBackAtTheirCell writes values only the model's
// text rules refuse (a direction override in a name, a javascript: link
// in a responsibility) and wants them reported at the spreadsheet cell,
// with nothing written.
func TestModelRefusalsComeBackAtTheirCell(t *testing.T) {
	data := "Role,Holder,Responsibilities\n" +
		"ISM,Ann \u202eLee,Keep the ISMS\n" +
		"CEO,Bo,\"Lead\nRead [this](javascript:alert(1))\"\n"
	res, err := Read([]byte(data), Options{Name: "roles.csv", Date: today})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "pack")
	_, err = Write(dir, res)
	var probs *Problems
	if !errors.As(err, &probs) {
		t.Fatalf("want problems, got %v", err)
	}
	text := probs.Error()
	for _, w := range []string{"roles.csv:2:2: ", "bidirectional control character (U+202E)", "roles.csv:3:3: ", "javascript:alert(1)"} {
		if !strings.Contains(text, w) {
			t.Errorf("no %q in:\n%s", w, text)
		}
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused pack left %s behind", dir)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".rolepack-import-*"))
	if len(left) > 0 {
		t.Errorf("staging left behind: %v", left)
	}
}

// TestWritesOnlyIntoNewOrEmpty refuses a directory that holds a file and
// writes into an empty one.
func TestWritesOnlyIntoNewOrEmpty(t *testing.T) {
	res, err := Read([]byte("Role,Holder\nISM,Ann\n"), Options{Name: "a.csv", Date: today})
	if err != nil {
		t.Fatal(err)
	}
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(full, res); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("a non-empty directory: got %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(full, "keep.txt")); string(b) != "mine" {
		t.Error("the file of a non-empty directory changed")
	}
	empty := t.TempDir()
	if _, err := Write(empty, res); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(empty, "roles", "ism.toml")); err != nil {
		t.Error(err)
	}
}

func TestSlugsAndHeaders(t *testing.T) {
	for in, want := range map[string]string{
		"Information Security Manager": "information-security-manager",
		"Jürgen Weiß":                  "juergen-weiss",
		"Zoë Ñúñez":                    "zoe-nunez",
		"  IT / OT  admin ":            "it-ot-admin",
		"李雷":                           "",
		strings.Repeat("abc ", 30):     "abc-abc-abc-abc-abc-abc-abc-abc-abc-abc-abc-abc-abc-abc-abc-abc",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"E-Mail-Adresse": "e mail adresse", "  Role   Name ": "role name", "Aktivität": "aktivitat",
		"Responsabilités (liste)": "responsabilites liste", "Straße": "strasse",
	} {
		if got := normHeader(in); got != want {
			t.Errorf("normHeader(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"R": "R", "r/a": "R A", "A, R": "A R", "RA": "R A", "c + i": "C I", "S": "S"} {
		got, ok := raciLetters(in)
		if !ok || strings.Join(got, " ") != want {
			t.Errorf("raciLetters(%q) = %v %v, want %s", in, got, ok, want)
		}
	}
	for _, bad := range []string{"X", "yes", "R?", ""} {
		if _, ok := raciLetters(bad); ok {
			t.Errorf("raciLetters(%q) accepted", bad)
		}
	}
	if _, err := ParseMap("Role=holderx"); err == nil {
		t.Error("ParseMap accepted an unknown field")
	}
	if m, err := ParseMap(" Rollen Name = ROLE , Notes=ignore"); err != nil || m["rollen name"] != "role" || m["notes"] != "ignore" {
		t.Errorf("ParseMap: %v %v", m, err)
	}
	if got := (Pos{File: "r.xlsx", Sheet: "Role's list", Row: 14, Col: 3}).String(); got != "r.xlsx:'Role''s list'!C14" {
		t.Errorf("Pos = %s", got)
	}
}

// TestZipBombRefused refuses a workbook whose parts would unpack beyond
// the limit, before unpacking them.
func TestZipBombRefused(t *testing.T) {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, err := z.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for range maxUnzipped>>20 + 1 {
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = Read(b.Bytes(), Options{Name: "bomb.xlsx", Date: today})
	var probs *Problems
	if !errors.As(err, &probs) || !strings.HasPrefix(probs.Error(), "bomb.xlsx: not a workbook this program can read") {
		t.Errorf("got %v", err)
	}
}

// TestReportingLines resolves a long chain in linear time and reports a
// loop once.
func TestReportingLines(t *testing.T) {
	var b strings.Builder
	b.WriteString("Role,Holder,Reports to\nISM,Ann,\n")
	for i := 1; i < MaxRows; i++ {
		prev := "ISM"
		if i > 1 {
			prev = "Role " + strconv.Itoa(i-1)
		}
		b.WriteString("Role " + strconv.Itoa(i) + ",P" + strconv.Itoa(i) + "," + prev + "\n")
	}
	res, err := Read([]byte(b.String()), Options{Name: "chain.csv", Date: today})
	if err != nil {
		t.Fatal(err)
	}
	if res.Roles != MaxRows {
		t.Errorf("%d roles", res.Roles)
	}
	_, err = Read([]byte("Role,Holder,Reports to\nISM,Ann,\nA,Bo,B\nB,Cy,C\nC,Di,A\n"), Options{Name: "loop.csv", Date: today})
	var probs *Problems
	if !errors.As(err, &probs) || probs.Error() != `loop.csv:3:3: the reporting lines from "A" go round in a loop` {
		t.Errorf("got %v", err)
	}
}

// TestOtherScriptsNeedAFont writes a register whose names need a font the
// pack does not have: the pack is written, and its only errors are
// FontRule's, for the user to add a [[font]].
func TestOtherScriptsNeedAFont(t *testing.T) {
	res, err := Read([]byte("Role,Holder\nISM,山田 太郎\nCEO,Ann\n"), Options{Name: "jp.csv", Date: today})
	if err != nil {
		t.Fatal(err)
	}
	w, err := Write(filepath.Join(t.TempDir(), "pack"), res)
	if err != nil {
		t.Fatal(err)
	}
	if w.Report.Errors == 0 {
		t.Fatal("no font error for a name in Han")
	}
	for _, f := range w.Report.Findings {
		if f.Severity == check.Error && f.Rule != FontRule {
			t.Errorf("%s: %s", f.Rule, f.Message)
		}
	}
}
