// Package model loads a rolepack source directory, resolves every reference
// and validates it, producing the single in-memory Pack that checks and
// renderers read. Nothing downstream of this package reads TOML.
//
// The JSON form of Pack (see docs/json.md) is a stable export: fields are only
// ever added, and references are written as ids.
package model

import (
	"sort"

	"github.com/rolepack/rolepack/generator/fonts"
)

// MarshalJSON writes the Markdown source.
func (m Markdown) MarshalJSON() ([]byte, error) { return jsonString(m.Source), nil }

// Pack is a loaded, resolved and validated roles pack.
type Pack struct {
	Organisation     Organisation       `json:"organisation"`
	Document         DocumentControl    `json:"document"`
	Revisions        []*Revision        `json:"revisions"`
	People           []*Person          `json:"people"`
	Roles            []*Role            `json:"roles"`
	Activities       []*Activity        `json:"activities"`
	Scale            []*Level           `json:"competence_scale"`
	Competences      []*Competence      `json:"competences"`
	Records          []*Record          `json:"competence_records"`
	ReviewTeam       *ReviewTeam        `json:"review_team"`
	Acknowledgements []*Acknowledgement `json:"acknowledgements"`
	// Ledger are the acknowledgements of acknowledgements.jsonl that
	// verify, in file order; LedgerProblems its lines that do not
	// (model/ledger.go).
	Ledger         []*LedgerAck    `json:"ledger,omitempty"`
	LedgerProblems []LedgerProblem `json:"-"`

	// TrainingDueDays is how long after an appointment (or after a
	// requirement was added) a competence gap is to be closed: the due date
	// of each training-plan row. pack.toml's training_due_days; default
	// DefaultTrainingDueDays.
	TrainingDueDays int `json:"training_due_days"`
	// Language is the language the pack's sources are written in, and so
	// the authoritative text: pack.toml's language, default "en". Every
	// output's fixed words come from its message catalogue.
	Language string `json:"language"`
	// Languages are the languages the outputs are built in: Language
	// first, then the translations pack.toml's languages names, in their
	// order. Always holds Language.
	Languages []string `json:"languages"`
	// LanguagePos is where each of Languages is named (Language's key, or
	// its entry of languages), for a finding about that language.
	LanguagePos map[string]Pos `json:"-"`
	// HR is the HR export the employees come from ([people] source in
	// pack.toml), or nil when people.toml lists everyone.
	HR *HRSource `json:"-"`
	// Completions are the LMS or HR exports of completed training
	// ([[completions]] in pack.toml); their rows are Records.
	Completions []*CompletionsSource `json:"-"`
	// LeaverNoticeDays is how far ahead leavers are reported (hr.go).
	LeaverNoticeDays int `json:"-"`

	// Files are the source files read, sorted by path, with their bytes
	// normalised (no BOM, LF line endings) so a stamp hashes them the same
	// on every machine.
	// Images referenced by Markdown fields are among them, byte for byte.
	Files []SourceFile `json:"-"`

	// Images are the pictures the Markdown fields show (see Image).
	Images []*Image `json:"-"`

	// Warnings are problems that do not stop a build, such as an image
	// that is not shown; commands print them. Sorted by file and line.
	Warnings []Diagnostic `json:"-"`

	// TextLanguage is the language of the pack's own text: Language, or
	// the language of a Translated pack.
	TextLanguage string `json:"-"`

	// units are the translatable values, translations the entries of the
	// translation files (translate.go); dir is the content directory the
	// pack was read from, read again by Translated.
	units     []*Unit
	unitIndex map[[2]string]*Unit
	// translatedFrom is the pack a Translated pack was made from.
	translatedFrom *Pack
	translations   []*Translation
	dir            string

	people      map[string]*Person
	hrIDs       map[string]string // a person's hr_id, in lower case → their id
	roles       map[string]*Role
	activities  map[string]*Activity
	competences map[string]*Competence
	areas       map[string]*Area
	acks        map[ackKey]*Acknowledgement
	// ackDigests memoises AckDigestIn: by language, by person id.
	ackDigests *ackDigests           // nil in a pack built by hand: not memoised
	recordsOf  map[*Person][]*Record // held records only
	plannedOf  map[*Person][]*Record // planned or booked training
	// everyone and compOrder are made once by resolve for the questions
	// asked of every person (Needs): nil in a pack built by hand, which
	// works them out on each call.
	everyone  []*Role
	compOrder map[*Competence]int
	// printed are the source values the documents print that hold a
	// character beyond ASCII (PrintedTexts).
	printed []PrintedText
	// fonts are the faces of pack.toml's [[font]] entries after the
	// built-in ones (Fonts); nil when it names none.
	fonts *fonts.Set
}

type ackKey struct{ person, version string }

// SourceFile is one file of the pack as read from disk.
type SourceFile struct {
	Path string // slash-separated, relative to the content directory
	Data []byte // normalised: UTF-8 BOM removed, CRLF turned into LF
}

// Pos is a place in a source file. Line and Col are 1-based; zero means
// unknown.
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col,omitempty"`
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return p.File + ":" + itoa(p.Line)
	}
	return p.File + ":" + itoa(p.Line) + ":" + itoa(p.Col)
}

// Organisation is the body whose ISMS the pack describes.
type Organisation struct {
	Name  string   `json:"name"`
	Scope Markdown `json:"scope"`
	Areas []*Area  `json:"areas"`
	Pos   Pos      `json:"-"`
}

// Area is an in-scope area of the organisation (a department, site or
// function) that the Management Review Team must represent.
type Area struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Pos  Pos    `json:"-"`
}

// Document statuses.
const (
	StatusDraft      = "draft"
	StatusApproved   = "approved"
	StatusSuperseded = "superseded"
)

// DocumentControl identifies the controlled document (ISO/IEC 27001 7.5).
type DocumentControl struct {
	ID                   string   `json:"id"`
	Title                string   `json:"title"`
	Version              string   `json:"version"`
	Status               string   `json:"status"`
	Classification       string   `json:"classification"`
	OwnerID              string   `json:"owner_role"`
	Owner                *Role    `json:"-"`
	ApproverID           string   `json:"approver,omitempty"`
	Approver             *Person  `json:"-"`
	ApprovalDate         Date     `json:"approval_date"`
	EffectiveDate        Date     `json:"effective_date"`
	ReviewIntervalMonths int      `json:"review_interval_months"`
	AckDueDays           int      `json:"ack_due_days,omitempty"` // days to acknowledge a version from AckSince; 0: no due date
	LastReview           Date     `json:"last_review"`
	NextReview           Date     `json:"next_review"`
	Distribution         []string `json:"distribution"`
	Paper                string   `json:"paper"` // "a4" or "letter"
	Pos                  Pos      `json:"-"`
	// Key positions, so checks can point at the offending line.
	KeyPos map[string]Pos `json:"-"`
}

// Revision is one row of the revision history.
type Revision struct {
	Version string `json:"version"`
	Date    Date   `json:"date"`
	Author  string `json:"author"`
	Summary string `json:"summary"`
	// GitRef names the git revision (a tag or commit) the version was
	// approved at, so that what changed in it can be worked out from the
	// sources' history.
	GitRef string `json:"git_ref,omitempty"`
	Pos    Pos    `json:"-"`
}

// Employment statuses.
const (
	Active = "active"
	Leaver = "leaver"
)

// Person is someone who may hold a role: an employee or an external party.
type Person struct {
	ID            string  `json:"id"`
	Name          string  `json:"name"`
	SortName      string  `json:"sort_name,omitempty"` // the key names sort by, such as "Nguyen Van An" → "Nguyen"; defaults to Name
	JobTitle      string  `json:"job_title"`
	AreaID        string  `json:"area,omitempty"`
	Area          *Area   `json:"-"`
	Department    string  `json:"department,omitempty"`
	Email         string  `json:"email,omitempty"`
	LineManagerID string  `json:"line_manager,omitempty"`
	LineManager   *Person `json:"-"`
	External      bool    `json:"external"`
	Company       string  `json:"company,omitempty"`
	Status        string  `json:"status"`
	LeftOn        Date    `json:"left_on"`
	LeavesOn      Date    `json:"leaves_on,omitzero"`  // an active person's announced last day (a future leaver)
	StartedOn     Date    `json:"started_on,omitzero"` // their first day in the organisation, when known (training is due from it)
	Pos           Pos     `json:"-"`

	// Derived, filled by the loader.
	Holds     []*Assignment `json:"-"` // assignments where this person is the holder
	Deputises []*Assignment `json:"-"` // assignments where this person is the deputy
}

// IsActive reports whether the person is still in the organisation.
func (p *Person) IsActive() bool { return p.Status == Active }

// Role is an information-security role (ISO/IEC 27001 5.3).
type Role struct {
	ID                  string         `json:"id"`
	Name                string         `json:"name"`
	Category            string         `json:"category"`
	Purpose             Markdown       `json:"purpose"`
	ReportsToID         string         `json:"reports_to,omitempty"`
	ReportsTo           *Role          `json:"-"`
	HeldByEveryone      bool           `json:"held_by_everyone"`
	Responsibilities    []Item         `json:"responsibilities"`
	Authorities         []*Authority   `json:"authorities"`
	Requirements        []*Requirement `json:"competence_requirements"`
	Education           string         `json:"education,omitempty"`
	Experience          string         `json:"experience,omitempty"`
	CommunicateInternal []Item         `json:"communication_internal"`
	CommunicateExternal []Item         `json:"communication_external"`
	References          []string       `json:"references"`
	ConflictIDs         []string       `json:"conflicts_with"`
	Conflicts           []*Role        `json:"-"`
	Conformity          bool           `json:"clause_5_3_a"` // ensures the ISMS conforms to ISO/IEC 27001
	Reporting           bool           `json:"clause_5_3_b"` // reports ISMS performance to top management
	LastReview          Date           `json:"last_review"`
	ReviewIntervalMonth int            `json:"review_interval_months,omitempty"`
	// Critical marks a role whose loss would stop the ISMS, for the
	// single-points-of-failure report (critical = true).
	Critical    bool           `json:"critical,omitempty"`
	Assignments []*Assignment  `json:"assignments"`
	Pos         Pos            `json:"-"`
	KeyPos      map[string]Pos `json:"-"`

	// Derived, filled by the loader.
	Reports []*Role `json:"-"` // roles that report to this one, sorted by name
}

// Item is a line of text from a list in the sources, with its position.
type Item struct {
	Text string `json:"text"`
	Pos  Pos    `json:"-"`
}

// MarshalJSON writes an Item as its text.
func (i Item) MarshalJSON() ([]byte, error) { return jsonString(i.Text), nil }

// Authority is something a role holder may decide or approve, and its limit:
// free text, or structured (an amount in a currency, a duration) so checks
// can compare a delegated authority with the delegator's.
type Authority struct {
	Text  string `json:"text"`
	Limit string `json:"limit,omitempty"`
	// Amount is in the currency's major unit (49999.5 EUR); HasAmount
	// tells a written 0 from no amount.
	Amount    float64 `json:"amount,omitempty"`
	HasAmount bool    `json:"-"`
	Currency  string  `json:"currency,omitempty"` // ISO 4217 code, upper case
	// DurationDays is the longest period the authority covers, in days
	// (duration = "P30D" or 30); 0 when not given.
	DurationDays    int    `json:"duration_days,omitempty"`
	DelegatedFromID string `json:"delegated_from,omitempty"`
	DelegatedFrom   *Role  `json:"-"`
	Pos             Pos    `json:"-"`
	// KeyPos holds the positions of amount, duration and delegated_from.
	KeyPos map[string]Pos `json:"-"`
}

// Requirement is a competence a role needs, at a minimum level.
type Requirement struct {
	CompetenceID string      `json:"competence"`
	Competence   *Competence `json:"-"`
	Level        int         `json:"level"`
	// AddedOn is when the requirement was added to the role (added_on);
	// holders appointed before it have training_due_days from then.
	AddedOn Date `json:"added_on,omitzero"`
	Pos     Pos  `json:"-"`
}

// Assignment appoints a person to a role.
type Assignment struct {
	Role        *Role   `json:"-"`
	PersonID    string  `json:"person"`
	Person      *Person `json:"-"`
	AppointedOn Date    `json:"appointed_on"`
	Evidence    string  `json:"evidence,omitempty"`
	DeputyID    string  `json:"deputy,omitempty"`
	Deputy      *Person `json:"-"`
	Pos         Pos     `json:"-"`
	// KeyPos holds the positions of person, deputy and appointed_on.
	KeyPos map[string]Pos `json:"-"`
}

// RACI letters.
const (
	Responsible = "R"
	Accountable = "A"
	Supporting  = "S"
	Consulted   = "C"
	Informed    = "I"
)

// Letters lists the RACI letters in display order.
var Letters = []string{Responsible, Accountable, Supporting, Consulted, Informed}

// LetterNames gives the meaning of each RACI letter.
var LetterNames = map[string]string{
	Responsible: "Responsible",
	Accountable: "Accountable",
	Supporting:  "Supporting",
	Consulted:   "Consulted",
	Informed:    "Informed",
}

// Activity is a row of the RACI matrix: an ISMS activity and who does what.
type Activity struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Process string `json:"process"`
	Clause  string `json:"clause,omitempty"`
	// Roles by letter, in source order. Accountable may (wrongly) hold more
	// than one role: the checks report it.
	RoleIDs map[string][]string `json:"roles"`
	Roles   map[string][]*Role  `json:"-"`
	Pos     Pos                 `json:"-"`
	// KeyPos holds the position of each RACI key written, by letter
	// ("A" is the accountable line).
	KeyPos map[string]Pos `json:"-"`
}

// Letter returns the RACI letter(s) a role has in this activity, in
// R, A, S, C, I order, or "" when it takes no part.
func (a *Activity) Letter(r *Role) string {
	var s string
	for _, l := range Letters {
		for _, x := range a.Roles[l] {
			if x == r {
				s += l
			}
		}
	}
	return s
}

// Level is a step on the competence scale.
type Level struct {
	Level       int    `json:"level"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Pos         Pos    `json:"-"`
}

// Competence kinds.
var CompetenceKinds = []string{"education", "experience", "training", "certification", "skill"}

// Competence is an entry of the competence catalogue (ISO/IEC 27001 7.2).
type Competence struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	Description string `json:"description,omitempty"`
	Pos         Pos    `json:"-"`
}

// Record is evidence that a person holds a competence at a level.
type Record struct {
	PersonID     string      `json:"person"`
	Person       *Person     `json:"-"`
	CompetenceID string      `json:"competence"`
	Competence   *Competence `json:"-"`
	Level        int         `json:"level"`
	Evidence     string      `json:"evidence,omitempty"`
	Date         Date        `json:"date"`
	// Status is RecordHeld (the default) or RecordPlanned: training that
	// is planned or booked, which marks a training-plan row in progress
	// and counts towards no level.
	Status string `json:"status"`
	Pos    Pos    `json:"-"`

	course string // the course of a completions export it was read from, until resolved
}

// Competence record statuses.
const (
	RecordHeld    = "held"
	RecordPlanned = "planned"
)

// ReviewTeam is the Management Review Team (ISO/IEC 27001 9.3).
type ReviewTeam struct {
	Name                  string     `json:"name"`
	ChairID               string     `json:"chair"`
	Chair                 *Person    `json:"-"`
	ReportsTo             string     `json:"reports_to"`
	Cadence               string     `json:"cadence"`
	MeetingIntervalMonths int        `json:"meeting_interval_months"`
	Members               []*Member  `json:"members"`
	Meetings              []*Meeting `json:"meetings"`
	Agenda                []Item     `json:"agenda"`
	Duties                []Item     `json:"duties"`
	Pos                   Pos        `json:"-"`
}

// Member is a member of the Management Review Team.
type Member struct {
	PersonID string  `json:"person"`
	Person   *Person `json:"-"`
	AreaID   string  `json:"area"`
	Area     *Area   `json:"-"`
	DeputyID string  `json:"deputy,omitempty"`
	Deputy   *Person `json:"-"`
	Senior   bool    `json:"senior_leadership"`
	// Agreement names the record under which someone who is not of the
	// area (an external party, or a person of another area) represents
	// it, such as "Outsourcing agreement OA-7, clause 4.2"; "" for a
	// member of the area.
	Agreement string `json:"agreement,omitempty"`
	Pos       Pos    `json:"-"`
	// KeyPos holds the positions of person, area, deputy and agreement.
	KeyPos map[string]Pos `json:"-"`
}

// Meeting is a Management Review meeting that took place.
type Meeting struct {
	Date    Date   `json:"date"`
	Minutes string `json:"minutes,omitempty"`
	Pos     Pos    `json:"-"`
}

// Acknowledgement records that a person read and understood a version of the
// document: the evidence that roles were communicated (7.3, 7.4).
type Acknowledgement struct {
	PersonID string  `json:"person"`
	Person   *Person `json:"-"`
	Version  string  `json:"version"`
	Date     Date    `json:"date"`
	Evidence string  `json:"evidence,omitempty"`
	// Language is the language of the text the person signed: one of the
	// pack's languages, its own when the record does not say. Whether they
	// must sign again follows the text in that language.
	Language string `json:"language"`
	Pos      Pos    `json:"-"`
	// KeyPos holds the positions of version, date and language.
	KeyPos map[string]Pos `json:"-"`
}

// Person returns the person with the given id, or nil.
func (p *Pack) Person(id string) *Person { return p.people[id] }

// Role returns the role with the given id, or nil.
func (p *Pack) Role(id string) *Role { return p.roles[id] }

// Activity returns the activity with the given id, or nil.
func (p *Pack) Activity(id string) *Activity { return p.activities[id] }

// Competence returns the competence with the given id, or nil.
func (p *Pack) Competence(id string) *Competence { return p.competences[id] }

// Area returns the area with the given id, or nil.
func (p *Pack) Area(id string) *Area { return p.areas[id] }

// Holders returns the active people assigned to r.
func (r *Role) Holders() []*Person {
	var out []*Person
	for _, a := range r.Assignments {
		if a.Person != nil && a.Person.IsActive() {
			out = append(out, a.Person)
		}
	}
	return out
}

// Roots returns the roles that report to no other role, sorted by name: the
// tops of the reporting-line chart.
func (p *Pack) Roots() []*Role {
	var out []*Role
	for _, r := range p.Roles {
		if r.ReportsTo == nil {
			out = append(out, r)
		}
	}
	sortRoles(out)
	return out
}

// Categories returns the role categories in first-seen order of the roles,
// with the roles of each.
func (p *Pack) Categories() []Category {
	var cats []Category
	idx := map[string]int{}
	for _, r := range p.Roles {
		i, ok := idx[r.Category]
		if !ok {
			i = len(cats)
			idx[r.Category] = i
			cats = append(cats, Category{Name: r.Category})
		}
		cats[i].Roles = append(cats[i].Roles, r)
	}
	return cats
}

// Category is a group of roles.
type Category struct {
	Name  string
	Roles []*Role
}

// Processes returns the ISMS processes of the RACI activities in first-seen
// order, with the activities of each.
func (p *Pack) Processes() []Process {
	var ps []Process
	idx := map[string]int{}
	for _, a := range p.Activities {
		i, ok := idx[a.Process]
		if !ok {
			i = len(ps)
			idx[a.Process] = i
			ps = append(ps, Process{Name: a.Process})
		}
		ps[i].Activities = append(ps[i].Activities, a)
	}
	return ps
}

// Process is a group of RACI activities.
type Process struct {
	Name       string
	Activities []*Activity
}

// Acknowledged reports whether the person has acknowledged the given version.
func (p *Pack) Acknowledged(person *Person, version string) (Acknowledgement, bool) {
	a, ok := p.acks[ackKey{person.ID, version}]
	if !ok {
		return Acknowledgement{}, false
	}
	return *a, true
}

func sortRoles(rs []*Role) {
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Name < rs[j].Name })
}
