package view

import "strconv"

// The files of a build that one output writes and another links to, by
// their paths relative to the output directory. They are named here, once:
// the writer writes the name given here and the site links to it through
// the view, so neither spells the other's file names nor imports the other.
const (
	DocumentFile = "roles-and-responsibilities.pdf"  // the controlled document (pdf output)
	SignOffFile  = "acknowledgement-sheets.pdf"      // the printed acknowledgement sheets (pdf output)
	WorkbookFile = "raci-and-competence.xlsx"        // the RACI and competence workbook (xlsx output)
	WordFile     = "roles-and-responsibilities.docx" // the editable document (docx output)
	PeopleDir    = "people"                          // one folder per seated person (people output)
)

// Kinds of appointment letter.
const (
	Appointment = "appointment"
	Deputy      = "deputy"
)

// PersonFiles are the files of a seated person's folder, PeopleDir/<id>/:
// the people output writes exactly these, and the site links to them.
type PersonFiles struct {
	// Brief is their brief and acknowledgement: "people/<id>/brief.pdf".
	Brief string
	// Letters are one per seat they hold, then one per seat they deputise
	// for, in the view's order.
	Letters []LetterFile
}

// LetterFile is one appointment letter of a person.
type LetterFile struct {
	Kind string // Appointment or Deputy
	Seat Seat   // the seat held, or the seat deputised for
	// File is "people/<id>/appointment-<role-id>.pdf" or
	// "people/<id>/deputy-<role-id>-<holder-id>.pdf", with "-2", "-3" …
	// before ".pdf" for a second letter of the same name (a person
	// assigned twice to a role), so no letter overwrites another.
	File string
	// Title is the letter's heading, in the view's language:
	// "Appointment as <role>" or "Appointment as deputy <role>"
	// (letter.title_appointment, letter.title_deputy).
	Title string
}

// personFiles names the files of a seated person's folder.
func personFiles(pv *Person) *PersonFiles {
	dir := PeopleDir + "/" + pv.ID + "/"
	f := &PersonFiles{Brief: dir + "brief.pdf"}
	used := map[string]int{}
	name := func(base string) string {
		used[base]++
		if n := used[base]; n > 1 {
			return dir + base + "-" + strconv.Itoa(n) + ".pdf"
		}
		return dir + base + ".pdf"
	}
	w := pv.catalogue()
	for _, s := range pv.Holds {
		f.Letters = append(f.Letters, LetterFile{Appointment, s, name("appointment-" + s.Role.ID), w.Text("letter.title_appointment", "role", s.Role.Name)})
	}
	for _, s := range pv.Deputises {
		f.Letters = append(f.Letters, LetterFile{Deputy, s, name("deputy-" + s.Role.ID + "-" + s.Person.ID), w.Text("letter.title_deputy", "role", s.Role.Name)})
	}
	return f
}
