// Package synth writes synthetic packs of a chosen size: realistic,
// deterministic for a seed, and clean under every check, so that large
// organisations' builds can be measured and their outputs verified. A given
// number of findings can be planted on purpose.
package synth

import (
	"fmt"
	"math/rand/v2"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/rolepack/rolepack/generator/model"
)

// Size is the shape of a synthetic pack.
type Size struct {
	Roles, People, Activities, Competences int
}

// Preset sizes used by the benchmarks (docs/performance.md). S is the
// example pack itself and is not generated.
var (
	M = Size{Roles: 200, People: 5000, Activities: 500, Competences: 100}
	L = Size{Roles: 1000, People: 20000, Activities: 2000, Competences: 200}
)

// Options configure Generate.
type Options struct {
	Size
	Seed int64
	// AsOf is the date the pack is current at: reviews, meetings and
	// acknowledgements are placed before it so the pack checks clean when
	// built on that date.
	AsOf model.Date
	// Findings plants this many findings (missing evidence, missing
	// acknowledgements, competence gaps, second accountables, in turn).
	Findings int
}

// File is one generated source file.
type File struct {
	Path string
	Data []byte
}

// Validate reports sizes too small to make a coherent pack.
func (s Size) Validate() error {
	switch {
	case s.Roles < 4:
		return fmt.Errorf("roles must be at least 4, not %d", s.Roles)
	case s.People < 4*s.Roles+24:
		return fmt.Errorf("people must be at least 4×roles+24 = %d (each role has up to two holders, each with a deputy), not %d", 4*s.Roles+24, s.People)
	case s.Activities < 1:
		return fmt.Errorf("activities must be at least 1")
	case s.Competences < 2:
		return fmt.Errorf("competences must be at least 2")
	}
	return nil
}

const version = "1.0"

var (
	areaNames = []string{"Operations", "Finance", "Technology", "People", "Sales", "Legal", "Research", "Customer Service",
		"Logistics", "Procurement", "Marketing", "Facilities"}
	processes = []string{"Risk management", "Incident management", "Internal audit", "Supplier management",
		"Business continuity", "Change management", "Access control", "Asset management", "Awareness and training",
		"Document control", "Management review", "Compliance"}
	clauses    = []string{"6.1.2", "6.1.3", "A.5.24", "A.5.26", "9.2", "A.5.19", "A.5.29", "8.1", "A.5.15", "A.5.9", "7.2", "7.5", "9.3", "A.5.31"}
	categories = []string{"Top management", "Leadership", "Governance", "Operations", "Assurance", "Technology", "Business"}
	verbs      = []string{"Maintain", "Review", "Approve", "Monitor", "Report on", "Coordinate", "Assess", "Test", "Document", "Escalate"}
	objects    = []string{"the risk register", "access rights", "supplier contracts", "backup schedules", "incident records",
		"change requests", "asset inventories", "training records", "continuity plans", "audit findings", "policy exceptions",
		"security metrics"}
	given = []string{"Anna", "Jonas", "Zoë", "Mateo", "Ελένη", "Дмитрий", "Aoife", "Søren", "José", "Yuki", "Amara", "Lukas",
		"Ingrid", "Nikos", "Ольга", "Chloé", "Rahul", "Fatima", "Piotr", "Marta"}
	family = []string{"Ñúñez", "Papadopoulou", "Иванов", "Ní Bhriain", "Kierkegård", "Álvarez", "Tanaka", "Okafor", "Müller",
		"Kowalski", "Rossi", "Dubois", "Lindqvist", "Novák", "Costa", "Schmidt", "Haddad", "Petrova", "García", "Brennan"}
	kinds = model.CompetenceKinds
)

// Generate returns the files of a synthetic pack, sorted by path.
func Generate(o Options) ([]File, error) {
	if err := o.Size.Validate(); err != nil {
		return nil, err
	}
	if o.AsOf.IsZero() {
		return nil, fmt.Errorf("synth: AsOf date is required")
	}
	g := &gen{o: o, rnd: rand.New(rand.NewPCG(uint64(o.Seed), 0x726f6c65))}
	g.plan()
	files := []File{
		{"pack.toml", g.packFile()},
		{"people.toml", g.peopleFile()},
		{"competences.toml", g.competencesFile()},
		{"raci.toml", g.raciFile()},
		{"review-team.toml", g.reviewTeamFile()},
		{"acknowledgements.toml", g.acksFile()},
	}
	for i := range g.roles {
		files = append(files, File{path.Join("roles", g.roles[i].id+".toml"), g.roleFile(i)})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

type synthRole struct {
	id, name, category string
	parent             int // index, -1 for the root
	holders, deputies  []int
	reqs               []int // competence indexes
	level              int
	conflict           int // index of a role it conflicts with, or -1
	everyone           bool
}

type gen struct {
	o        Options
	rnd      *rand.Rand
	areas    []string
	roles    []synthRole
	holderOf map[int]int // person -> role held
	// planted findings
	noEvidence map[[2]int]bool // role, holder index
	noAck      map[int]bool
	gap        map[int]bool // person with a lowered record
	secondA    map[int]bool // activity with a second accountable
}

func (g *gen) date(monthsBefore int, day int) string {
	d := g.o.AsOf.AddMonths(-monthsBefore)
	t := d.Time()
	return time.Date(t.Year(), t.Month(), min(day, 28), 0, 0, 0, 0, time.UTC).Format("2006-01-02")
}

func personID(i int) string { return fmt.Sprintf("p%05d", i) }
func roleID(i int) string   { return fmt.Sprintf("role-%04d", i) }
func compID(i int) string   { return fmt.Sprintf("comp-%03d", i) }

// plan decides the structure: the reporting tree, who holds what, and the
// planted findings.
func (g *gen) plan() {
	s := g.o.Size
	nAreas := min(len(areaNames), max(4, s.Roles/25))
	for i := range nAreas {
		g.areas = append(g.areas, slug(areaNames[i]))
	}
	g.holderOf = map[int]int{}
	next := 0 // next unassigned person; people 0..nAreas*2 are kept for the review team
	reserved := 2 * nAreas
	next = reserved
	for i := range s.Roles {
		r := synthRole{id: roleID(i), parent: -1, conflict: -1}
		switch {
		case i == 0:
			r.name, r.category = "Chief Executive", categories[0]
		case i == 1:
			r.name, r.category, r.parent = "Information Security Manager", categories[2], 0
		case i == s.Roles-1:
			r.name, r.category, r.parent, r.everyone = "All Staff", "Everyone", 0, true
		default:
			// A tree of modest fan-out: each role reports to one of the
			// roles before it, biased towards recent ones, like branches.
			lo := max(0, i/4)
			r.parent = lo + g.rnd.IntN(max(1, i-lo))
			r.name = fmt.Sprintf("%s %s Lead %d", strings.Fields(objects[i%len(objects)])[1], areaNames[i%len(areaNames)], i)
			r.category = categories[1+i%(len(categories)-1)]
		}
		if !r.everyone {
			n := 1 + g.rnd.IntN(2)
			for range n {
				r.holders = append(r.holders, next)
				g.holderOf[next] = i
				r.deputies = append(r.deputies, next+1)
				next += 2
				if next >= s.People-1 {
					next = reserved
				}
			}
		}
		r.reqs = []int{i % s.Competences, (i*7 + 3) % s.Competences}
		if r.reqs[0] == r.reqs[1] {
			r.reqs = r.reqs[:1]
		}
		r.level = 1 + i%3
		g.roles = append(g.roles, r)
	}
	// Segregation of duties: pairs of roles whose holders differ.
	for i := 2; i+1 < s.Roles-1; i += 10 {
		g.roles[i].conflict = i + 1
	}
	g.noEvidence, g.noAck, g.gap, g.secondA = map[[2]int]bool{}, map[int]bool{}, map[int]bool{}, map[int]bool{}
	for k := range g.o.Findings {
		ri := 1 + (k/4)%(s.Roles-2)
		switch k % 4 {
		case 0:
			g.noEvidence[[2]int{ri, 0}] = true
		case 1:
			g.noAck[g.roles[ri].holders[0]] = true
		case 2:
			g.gap[g.roles[ri].holders[0]] = true
		case 3:
			g.secondA[(k/4)%s.Activities] = true
		}
	}
}

func slug(s string) string { return strings.ReplaceAll(strings.ToLower(s), " ", "-") }

// q quotes s as a TOML basic string.
func q(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func qlist(items []string) string {
	parts := make([]string, len(items))
	for i, s := range items {
		parts[i] = q(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func (g *gen) packFile() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# Synthetic pack: %d roles, %d people, %d activities, %d competences (seed %d).\n\n",
		g.o.Roles, g.o.People, g.o.Activities, g.o.Competences, g.o.Seed)
	fmt.Fprintf(&b, "[organisation]\nname = %s\nscope = %s\n\n", q("Synthetic Holdings plc"),
		q("The ISMS covers **every** service of Synthetic Holdings, generated for benchmarking."))
	for i, a := range g.areas {
		fmt.Fprintf(&b, "[[area]]\nid = %s\nname = %s\n\n", q(a), q(areaNames[i]))
	}
	fmt.Fprintf(&b, "[document]\nid = \"SYN-ISMS-05\"\ntitle = \"Information Security Roles and Responsibilities\"\nversion = %s\n", q(version))
	fmt.Fprintf(&b, "status = \"approved\"\nclassification = \"Internal\"\nowner = %s\napprover = %s\n", q(roleID(1)), q(personID(g.roles[0].holders[0])))
	fmt.Fprintf(&b, "approval_date = %s\neffective_date = %s\nreview_interval_months = 12\nlast_review = %s\n", g.date(2, 1), g.date(2, 15), g.date(2, 1))
	fmt.Fprintf(&b, "distribution = [\"All staff\", \"Auditors\"]\n\n")
	fmt.Fprintf(&b, "[[revision]]\nversion = %s\ndate = %s\nauthor = \"Synth\"\nsummary = \"Generated.\"\n", q(version), g.date(2, 1))
	return []byte(b.String())
}

func (g *gen) personName(i int) string {
	return given[i%len(given)] + " " + family[(i/len(given)+i)%len(family)] + " " + strconv.Itoa(i)
}

// areaOf is the area of person i: the review team's members (persons 2a)
// and their deputies (2a+1) belong to the area a they sit for
// (RP-MRT-07); everyone else is spread over the areas.
func (g *gen) areaOf(i int) int {
	if i < 2*len(g.areas) {
		return i / 2
	}
	return i % len(g.areas)
}

func (g *gen) peopleFile() []byte {
	var b strings.Builder
	b.Grow(g.o.People * 160)
	for i := range g.o.People {
		fmt.Fprintf(&b, "[[person]]\nid = %s\nname = %s\njob_title = %s\narea = %s\n",
			q(personID(i)), q(g.personName(i)), q("Analyst "+strconv.Itoa(i%50)), q(g.areas[g.areaOf(i)]))
		if i > 0 {
			fmt.Fprintf(&b, "line_manager = %s\n", q(personID(i/10)))
		}
		if i%97 == 5 {
			b.WriteString("external = true\ncompany = \"Contractor Services Ltd\"\n")
		}
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

func (g *gen) roleFile(i int) []byte {
	r := g.roles[i]
	var b strings.Builder
	fmt.Fprintf(&b, "id = %s\nname = %s\ncategory = %s\n", q(r.id), q(r.name), q(r.category))
	fmt.Fprintf(&b, "purpose = %s\n", q(fmt.Sprintf("Makes sure *%s* is handled well across the organisation.\n\n- keeps records\n- reports upwards", strings.ToLower(r.name))))
	if r.parent >= 0 {
		fmt.Fprintf(&b, "reports_to = %s\n", q(roleID(r.parent)))
	}
	if r.everyone {
		b.WriteString("held_by_everyone = true\n")
	}
	if i == 1 {
		b.WriteString("clause_5_3 = [\"a\", \"b\"]\n")
	}
	if r.conflict >= 0 {
		fmt.Fprintf(&b, "conflicts_with = [%s]\n", q(roleID(r.conflict)))
	}
	var resp []string
	for k := range 5 {
		resp = append(resp, fmt.Sprintf("%s %s for %s (duty %d)", verbs[(i+k)%len(verbs)], objects[(i*3+k)%len(objects)], r.name, k+1))
	}
	fmt.Fprintf(&b, "responsibilities = %s\n", qlist(resp))
	fmt.Fprintf(&b, "education = \"Degree or equivalent experience\"\nexperience = %s\n", q(fmt.Sprintf("%d years in a related field", 1+i%5)))
	fmt.Fprintf(&b, "references = [\"5.3\", %s]\n\n", q(clauses[i%len(clauses)]))
	fmt.Fprintf(&b, "[communication]\ninternal = [%s]\nexternal = [\"Answer auditors' questions\"]\n\n", q("Report monthly to "+g.parentName(r)))
	for k := range 2 {
		fmt.Fprintf(&b, "[[authority]]\ntext = %s\nlimit = %s\n\n", q(fmt.Sprintf("Approve %s", objects[(i+k)%len(objects)])), q(fmt.Sprintf("up to EUR %d,000", 5*(k+1))))
	}
	if !r.everyone {
		for _, c := range r.reqs {
			fmt.Fprintf(&b, "[[requirement]]\ncompetence = %s\nlevel = %d\n\n", q(compID(c)), r.level)
		}
	}
	for k, h := range r.holders {
		appointed := g.date(14+k, 1+i%27)
		if g.gap[h] {
			// A planted gap is a new appointee's, not yet due
			// (training_due_days after the appointment): RP-COMP-01 alone.
			appointed = g.date(1, 1+i%27)
		}
		fmt.Fprintf(&b, "[[assignment]]\nperson = %s\nappointed_on = %s\n", q(personID(h)), appointed)
		if !g.noEvidence[[2]int{i, k}] {
			fmt.Fprintf(&b, "evidence = %s\n", q(fmt.Sprintf("HR-APPT-%05d", i*10+k)))
		}
		fmt.Fprintf(&b, "deputy = %s\n\n", q(personID(r.deputies[k])))
	}
	return []byte(b.String())
}

func (g *gen) parentName(r synthRole) string {
	if r.parent < 0 {
		return "the board"
	}
	return "the " + g.roles[r.parent].name
}

func (g *gen) competencesFile() []byte {
	var b strings.Builder
	for l, n := range []string{"None", "Awareness", "Practitioner", "Expert", "Authority"} {
		fmt.Fprintf(&b, "[[level]]\nlevel = %d\nname = %s\n\n", l, q(n))
	}
	for c := range g.o.Competences {
		fmt.Fprintf(&b, "[[competence]]\nid = %s\nname = %s\nkind = %s\n\n", q(compID(c)),
			q(fmt.Sprintf("Handling %s, area %d", objects[c%len(objects)], c)), q(kinds[c%len(kinds)]))
	}
	for i, r := range g.roles {
		if r.everyone {
			continue
		}
		for _, h := range r.holders {
			for _, c := range r.reqs {
				lvl := r.level
				if g.gap[h] && c == r.reqs[0] {
					lvl--
				}
				fmt.Fprintf(&b, "[[record]]\nperson = %s\ncompetence = %s\nlevel = %d\nevidence = %s\ndate = %s\n\n",
					q(personID(h)), q(compID(c)), lvl, q(fmt.Sprintf("LMS-%06d", i*100+c)), g.date(6, 10))
			}
		}
		// A deputy stands in for the holder, so holds what the role
		// requires (RP-DEP-01).
		for _, d := range r.deputies {
			for _, c := range r.reqs {
				fmt.Fprintf(&b, "[[record]]\nperson = %s\ncompetence = %s\nlevel = %d\nevidence = %s\ndate = %s\n\n",
					q(personID(d)), q(compID(c)), r.level, q(fmt.Sprintf("LMS-D-%06d", i*100+c)), g.date(6, 10))
			}
		}
	}
	return []byte(b.String())
}

func (g *gen) raciFile() []byte {
	var b strings.Builder
	n := len(g.roles) - 1 // the all-staff role is only ever informed
	for a := range g.o.Activities {
		acc := a % n
		resp := (a*7 + 1) % n
		if resp == acc {
			resp = (resp + 1) % n
		}
		fmt.Fprintf(&b, "[[activity]]\nid = %s\nname = %s\nprocess = %s\nclause = %s\n",
			q(fmt.Sprintf("act-%04d", a)), q(fmt.Sprintf("%s %s (%d)", verbs[a%len(verbs)], objects[(a/3)%len(objects)], a)),
			q(processes[a%len(processes)]), q(clauses[a%len(clauses)]))
		fmt.Fprintf(&b, "responsible = %s\n", q(roleID(resp)))
		if g.secondA[a] {
			fmt.Fprintf(&b, "accountable = [%s, %s]\n", q(roleID(acc)), q(roleID((acc+2)%n)))
		} else {
			fmt.Fprintf(&b, "accountable = %s\n", q(roleID(acc)))
		}
		if c := (a*13 + 5) % n; c != acc && c != resp {
			fmt.Fprintf(&b, "consulted = %s\n", q(roleID(c)))
		}
		fmt.Fprintf(&b, "informed = %s\n\n", q(roleID(len(g.roles)-1)))
	}
	return []byte(b.String())
}

func (g *gen) reviewTeamFile() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "name = \"Management Review Team\"\nchair = %s\nreports_to = \"Board of Directors\"\ncadence = \"Quarterly\"\n", q(personID(0))) // the first member chairs (RP-MRT-06)
	b.WriteString(`agenda = ["Status of actions from previous reviews", "Changes in external and internal issues", "Changes in the needs of interested parties", "Nonconformities and corrective actions", "Monitoring and measurement results", "Audit results", "Fulfilment of objectives", "Feedback from interested parties", "Risk assessment results and the risk treatment plan", "Opportunities for continual improvement"]
duties = ["Sign off policies and processes", "Oversee risk management", "Agree or escalate risk treatment", "Make sure resources exist", "Oversee continual improvement", "Evaluate ISMS performance", "Communicate information security"]

`)
	for i, a := range g.areas {
		fmt.Fprintf(&b, "[[member]]\nperson = %s\narea = %s\ndeputy = %s\n", q(personID(2*i)), q(a), q(personID(2*i+1)))
		if i == 0 {
			b.WriteString("senior_leadership = true\n")
		}
		b.WriteByte('\n')
	}
	for k := 3; k >= 0; k-- {
		fmt.Fprintf(&b, "[[meeting]]\ndate = %s\nminutes = %s\n\n", g.date(3*k+1, 12), q(fmt.Sprintf("MRT-MIN-%d", 4-k)))
	}
	return []byte(b.String())
}

func (g *gen) acksFile() []byte {
	var b strings.Builder
	seen := map[int]bool{}
	ack := func(h int) {
		if seen[h] || g.noAck[h] {
			return
		}
		seen[h] = true
		fmt.Fprintf(&b, "[[acknowledgement]]\nperson = %s\nversion = %s\ndate = %s\nevidence = \"LMS\"\n\n", q(personID(h)), q(version), g.date(1, 20))
	}
	// Everyone with a seat acknowledges: holders, deputies and the review
	// team's members and their deputies.
	for _, r := range g.roles {
		for _, h := range r.holders {
			ack(h)
		}
	}
	for _, r := range g.roles {
		for _, d := range r.deputies {
			ack(d)
		}
	}
	for i := range g.areas {
		ack(2 * i)
		ack(2*i + 1)
	}
	if b.Len() == 0 {
		b.WriteString("# nobody has acknowledged yet\n")
	}
	return []byte(b.String())
}
