package register

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Shape is the layout of a spreadsheet.
type Shape string

const (
	// ShapeRegister is a role register: one row per role.
	ShapeRegister Shape = "register"
	// ShapeRACI is a RACI matrix: one row per activity, one column per
	// role, cells R, A, C, I or S.
	ShapeRACI Shape = "raci"
)

// The fields a column can be mapped to (--map "Column=field").
const (
	FieldRole             = "role"
	FieldRoleID           = "role_id"
	FieldCategory         = "category"
	FieldPurpose          = "purpose"
	FieldResponsibilities = "responsibilities"
	FieldAuthorities      = "authorities"
	FieldHolder           = "holder"
	FieldHolderEmail      = "holder_email"
	FieldHolderTitle      = "holder_title"
	FieldDeputy           = "deputy"
	FieldReportsTo        = "reports_to"
	FieldAppointedOn      = "appointed_on"
	FieldEvidence         = "evidence"

	FieldActivity   = "activity"
	FieldActivityID = "activity_id"
	FieldProcess    = "process"
	FieldClause     = "clause"

	// FieldIgnore leaves a column out.
	FieldIgnore = "ignore"
)

// Fields lists the fields of each shape, the required one first.
var Fields = map[Shape][]string{
	ShapeRegister: {FieldRole, FieldRoleID, FieldCategory, FieldPurpose, FieldResponsibilities, FieldAuthorities,
		FieldHolder, FieldHolderEmail, FieldHolderTitle, FieldDeputy, FieldReportsTo, FieldAppointedOn, FieldEvidence},
	ShapeRACI: {FieldActivity, FieldActivityID, FieldProcess, FieldClause},
}

// synonyms are the headers each field is recognised by, written as
// normalised (see normHeader): English, German, French, Spanish and Dutch
// wordings seen in role registers and RACI templates.
var synonyms = map[Shape]map[string][]string{
	ShapeRegister: {
		FieldRole: {"role", "role name", "role title", "roles", "isms role", "security role", "function",
			"rolle", "rollenbezeichnung", "rollenname", "role nom", "nom du role", "rol", "nombre del rol", "functie"},
		FieldRoleID:   {"role id", "id", "code", "role code", "rollen id", "kennung"},
		FieldCategory: {"category", "group", "role category", "type", "kategorie", "gruppe", "categorie", "categoria"},
		FieldPurpose: {"purpose", "description", "role description", "summary", "objective", "mission", "role purpose",
			"beschreibung", "zweck", "ziel", "description du role", "objet", "mission du role", "descripcion", "proposito", "omschrijving", "doel"},
		FieldResponsibilities: {"responsibilities", "responsibility", "duties", "tasks", "key responsibilities", "main responsibilities",
			"aufgaben", "verantwortlichkeiten", "verantwortung", "pflichten", "responsabilites", "missions", "taches",
			"responsabilidades", "funciones", "verantwoordelijkheden", "taken"},
		FieldAuthorities: {"authorities", "authority", "authorities and limits", "decision rights", "powers", "approval authority",
			"befugnisse", "kompetenzen", "entscheidungsbefugnisse", "autorites", "autorite", "pouvoirs", "delegations",
			"autoridad", "autoridades", "bevoegdheden"},
		FieldHolder: {"holder", "role holder", "name", "person", "assigned to", "assignee", "incumbent", "appointed person",
			"owner", "held by", "named person", "inhaber", "rolleninhaber", "stelleninhaber", "verantwortlicher", "person name",
			"titulaire", "nom", "titular", "responsable", "persona", "houder", "naam"},
		FieldHolderEmail: {"email", "e mail", "holder email", "holder e mail", "mail", "email address", "e mail address",
			"e mail adresse", "courriel", "adresse e mail", "correo", "correo electronico"},
		FieldHolderTitle: {"job title", "position", "holder job title", "job", "stelle", "funktion", "stellenbezeichnung",
			"poste", "intitule du poste", "puesto", "cargo", "functietitel"},
		FieldDeputy: {"deputy", "backup", "substitute", "delegate", "stand in", "alternate", "deputy holder", "cover",
			"stellvertreter", "stellvertretung", "vertretung", "suppleant", "adjoint", "remplacant", "suplente", "sustituto", "plaatsvervanger"},
		FieldReportsTo: {"reports to", "reporting to", "reporting line", "reports to role", "escalation", "superior",
			"berichtet an", "vorgesetzte rolle", "rattache a", "rend compte a", "reporta a", "rapporteert aan"},
		FieldAppointedOn: {"appointed on", "appointed", "appointment date", "date appointed", "since", "start date", "from",
			"ernannt am", "ernennung", "seit", "date de nomination", "nomme le", "depuis", "fecha de nombramiento", "benoemd op"},
		FieldEvidence: {"evidence", "appointment evidence", "appointment letter", "appointment reference", "reference",
			"nachweis", "ernennungsschreiben", "preuve", "lettre de nomination", "evidencia", "bewijs"},
	},
	ShapeRACI: {
		FieldActivity: {"activity", "activities", "task", "tasks", "deliverable", "process step", "step", "activity task",
			"task activity", "action", "aktivitat", "aktivitaet", "tatigkeit", "taetigkeit", "aufgabe", "activite", "tache",
			"actividad", "tarea", "activiteit", "taak"},
		FieldActivityID: {"activity id", "id", "code", "ref", "no", "nr", "number"},
		FieldProcess:    {"process", "isms process", "area", "phase", "category", "domain", "prozess", "bereich", "processus", "domaine", "proceso", "proces"},
		FieldClause:     {"clause", "control", "reference", "iso 27001", "iso 27001 clause", "annex a", "iso reference", "klausel", "kapitel", "norm", "clausula", "controle", "referentie"},
	},
}

// Preset is a known layout: its shape and, for some, headers beyond the
// synonyms.
type Preset struct {
	Name  string
	Shape Shape
	About string
}

// Presets are the layouts --preset names.
var Presets = []Preset{
	{"register", ShapeRegister, "a role register: one row per role (role, description, holder, e-mail, deputy, responsibilities one per line, …)"},
	{"raci", ShapeRACI, "a RACI matrix: one row per activity (activity, process, clause), one column per role, cells R, A, C, I or S"},
}

// PresetNames are the names of Presets.
func PresetNames() []string {
	var n []string
	for _, p := range Presets {
		n = append(n, p.Name)
	}
	return n
}

// normHeader is a header as it is compared: lower case, without accents
// (ß as ss), every run of other characters than letters and digits one
// space. "E-Mail-Adresse" and "e mail adresse" are the same header.
func normHeader(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'ß':
			b.WriteString("ss")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
		default:
			space = b.Len() > 0
			continue
		}
		space = false
	}
	return b.String()
}

// ParseMap reads a column map, "Column=field,Other column=field", into
// field by normalised header. Fields are checked against both shapes.
func ParseMap(spec string) (map[string]string, error) {
	out := map[string]string{}
	if strings.TrimSpace(spec) == "" {
		return out, nil
	}
	for _, part := range strings.Split(spec, ",") {
		col, field, ok := strings.Cut(part, "=")
		col, field = strings.TrimSpace(col), strings.ToLower(strings.TrimSpace(field))
		if !ok || col == "" || field == "" {
			return nil, fmt.Errorf("--map entry %q is not Column=field", strings.TrimSpace(part))
		}
		if field != FieldIgnore && !slices.Contains(Fields[ShapeRegister], field) && !slices.Contains(Fields[ShapeRACI], field) {
			return nil, fmt.Errorf("--map: unknown field %q; fields: %s (a role register), %s (a RACI matrix), or ignore",
				field, strings.Join(Fields[ShapeRegister], ", "), strings.Join(Fields[ShapeRACI], ", "))
		}
		key := normHeader(col)
		if key == "" {
			return nil, fmt.Errorf("--map entry %q names no column", strings.TrimSpace(part))
		}
		if prev, dup := out[key]; dup && prev != field {
			return nil, fmt.Errorf("--map names column %q twice", col)
		}
		out[key] = field
	}
	return out, nil
}

// headerMatch finds the fields of a shape in a header row: col[field] is
// the column index. User map entries take precedence over synonyms; a
// field's first matching column wins. It returns the mapped columns
// (index → field), including ignored ones.
func headerMatch(header []cell, shape Shape, user map[string]string) (col map[string]int, used map[int]string) {
	col, used = map[string]int{}, map[int]string{}
	keys := make([]string, len(header))
	for i, c := range header {
		keys[i] = normHeader(c.text)
	}
	for i, k := range keys {
		if f, ok := user[k]; ok {
			if f == FieldIgnore || slices.Contains(Fields[shape], f) {
				used[i] = f
				if _, dup := col[f]; !dup && f != FieldIgnore {
					col[f] = i
				}
			}
		}
	}
	for _, f := range Fields[shape] {
		if _, ok := col[f]; ok {
			continue
		}
		for i, k := range keys {
			if _, taken := used[i]; taken || k == "" {
				continue
			}
			if slices.Contains(synonyms[shape][f], k) {
				col[f], used[i] = i, f
				break
			}
		}
	}
	return col, used
}

// knownHeaders lists some headers a shape's field is recognised by, for
// a message.
func knownHeaders(shape Shape, field string) string {
	s := synonyms[shape][field]
	if len(s) > 6 {
		s = s[:6]
	}
	return `"` + strings.Join(s, `", "`) + `"`
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
