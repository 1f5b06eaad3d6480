package model

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"github.com/rolepack/rolepack/internal/safefile"
)

// Source file names, relative to the content directory.
const (
	PackFile        = "pack.toml"
	PeopleFile      = "people.toml"
	CompetencesFile = "competences.toml"
	RACIFile        = "raci.toml"
	ReviewTeamFile  = "review-team.toml"
	AcksFile        = "acknowledgements.toml"
	RolesDir        = "roles"
	TemplatesDir    = "templates"
)

var topFiles = []string{PackFile, PeopleFile, CompetencesFile, RACIFile, ReviewTeamFile, AcksFile}

// ErrNoContent is returned (wrapped) when the content directory is missing:
// a usage mistake rather than a problem of the pack.
var ErrNoContent = errors.New("content directory not found")

// parsed is one TOML source after parsing.
type parsed struct {
	path string
	root map[string]any
	ix   *posIndex
}

// Load reads the pack in dir, resolves it and validates it. When the pack
// has problems it returns them all as Errors, sorted by file and line, and
// no Pack.
func Load(dir string) (*Pack, error) {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%w: %s", ErrNoContent, dir)
	}
	var errs Errors
	files, unreadable := readFiles(dir, &errs)
	return loadFiles(dir, files, unreadable, nil, errs)
}

// loadFiles is Load of the files read from dir. substitute, when not nil,
// changes each parsed source before it is decoded (Pack.Translated).
func loadFiles(dir string, files []SourceFile, unreadable []string, substitute func(*parsed), errs Errors) (*Pack, error) {
	return loadFilesMode(dir, files, unreadable, substitute, errs, false)
}

// loadFilesMode is loadFiles; with partial (LoadPartial), a pack whose only
// problems are unknown references is returned without them, together with
// those problems as Errors.
func loadFilesMode(dir string, files []SourceFile, unreadable []string, substitute func(*parsed), errs Errors, partial bool) (*Pack, error) {
	checkTemplates(files, &errs)

	var tomls []SourceFile
	for _, f := range files {
		if isSource(f.Path) {
			tomls = append(tomls, f)
		}
	}
	sources := parseAll(tomls, &errs)

	p := &Pack{Files: files, dir: dir, ackDigests: &ackDigests{}}
	p.keepTemplateText(files)
	l := &loader{p: p, errs: &errs, byPath: map[string]*parsed{}, badIDs: map[string]bool{}, badUses: map[string]*badID{}, dir: dir, partial: partial}
	for _, s := range sources {
		if s != nil {
			l.byPath[s.path] = s
		}
	}
	for _, name := range []string{PackFile, PeopleFile} {
		if !hasFile(files, name) && !slices.Contains(unreadable, name) {
			l.broken = append(l.broken, name)
			errs.Add(Pos{File: name}, fmt.Sprintf("missing source file: a pack needs %s (run \"rolepack init\" for an example)", name))
		}
	}
	// A source that exists but could not be read is as broken as one that
	// did not parse: references into it are not reported.
	l.broken = append(l.broken, unreadable...)
	for i, s := range sources {
		if s == nil {
			l.broken = append(l.broken, tomls[i].Path)
		}
	}
	if substitute != nil {
		for _, s := range sources {
			if s != nil {
				substitute(s)
			}
		}
	}
	l.decode(sources)
	l.loadHR()
	l.loadCompletions()
	l.resolve()
	l.loadLedger()
	p.TextLanguage = p.Language
	p.indexUnits()
	if len(errs) > 0 {
		partialOK := l.resolvedWithout && len(errs) == l.unknown
		errs.sort()
		if partialOK {
			(*Errors)(&p.Warnings).sort()
			return p, errs
		}
		return nil, errs
	}
	(*Errors)(&p.Warnings).sort()
	return p, nil
}

func hasFile(files []SourceFile, name string) bool {
	for _, f := range files {
		if f.Path == name {
			return true
		}
	}
	return false
}

// isSource reports whether a content file is a TOML source rolepack reads.
func isSource(p string) bool {
	if strings.HasPrefix(p, TemplatesDir+"/") {
		return false
	}
	return strings.HasSuffix(p, ".toml")
}

// readFiles reads the sources under dir (TOML files, and templates/),
// refusing symbolic links that lead outside it, anything that is not a
// regular file, and files over the size limit. It also returns the paths
// that exist but could not be read, so they are not reported as missing.
func readFiles(dir string, errs *Errors) (files []SourceFile, unreadable []string) {
	// Walk the real directory, so that --content may itself be a link.
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		errs.Add(Pos{File: dir}, err.Error())
		return nil, nil
	}
	refuse := func(rel, msg string) {
		errs.Add(Pos{File: rel}, msg)
		unreadable = append(unreadable, rel)
	}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			refuse(rel, "cannot read: "+unwrapPathError(err))
			return nil
		}
		if rel == "." {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !isSource(rel) && !strings.HasPrefix(rel, TemplatesDir+"/") {
			if ext := path.Ext(rel); strings.EqualFold(ext, ".toml") {
				refuse(rel, fmt.Sprintf("the extension %q is not read: rename it to %s", ext, strings.TrimSuffix(rel, ext)+".toml"))
			}
			return nil // notes, READMEs and the like do not affect the outputs
		}
		// Decide from the file's type, never by opening it: opening a named
		// pipe or a device can block for ever.
		info, err := os.Lstat(p)
		if err != nil {
			refuse(rel, "cannot read: "+unwrapPathError(err))
			return nil
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(p)
			if err != nil {
				refuse(rel, "broken symbolic link")
				return nil
			}
			if r, err := filepath.Rel(root, target); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
				refuse(rel, "symbolic link points outside the content directory; copy the file in instead")
				return nil
			}
			if info, err = os.Stat(target); err != nil {
				refuse(rel, "cannot read: "+unwrapPathError(err))
				return nil
			}
			if info.IsDir() {
				refuse(rel, "symbolic link to a directory is not followed; copy the files in instead")
				return nil
			}
		}
		if !info.Mode().IsRegular() {
			refuse(rel, fmt.Sprintf("not a regular file (%s); rolepack reads only regular files", safefile.Kind(info.Mode())))
			return nil
		}
		if info.Size() > MaxFileBytes {
			refuse(rel, tooLarge)
			return nil
		}
		data, err := safefile.ReadFile(p, MaxFileBytes)
		if err != nil {
			refuse(rel, readError(err))
			return nil
		}
		files = append(files, SourceFile{Path: rel, Data: normalise(data)})
		return nil
	})
	if err != nil {
		errs.Add(Pos{File: dir}, err.Error())
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, unreadable
}

var tooLarge = fmt.Sprintf("file is larger than the %d MiB limit for one source file; split it", MaxFileBytes>>20)

func unwrapPathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// readError says, without the path (a diagnostic gives it apart), why a
// source could not be read by internal/safefile, which opens it without
// blocking, checks again what it opened, in case the file was replaced by
// a pipe, and never reads beyond the size limit.
func readError(err error) string {
	var refused *safefile.Error
	switch {
	case errors.Is(err, safefile.ErrTooLarge):
		return tooLarge
	case errors.As(err, &refused):
		return refused.Reason()
	}
	if reason := errors.Unwrap(err); reason != nil {
		err = reason // safefile's "path: reason"
	}
	return "cannot read: " + err.Error()
}

// normalise removes a UTF-8 byte-order mark and turns CRLF into LF, so that
// a pack edited on Windows parses, and hashes, like the same pack on Linux.
func normalise(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if bytes.Contains(b, []byte("\r\n")) {
		b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	}
	return b
}

// parseAll parses the TOML sources in parallel; the result keeps their order.
func parseAll(files []SourceFile, errs *Errors) []*parsed {
	out := make([]*parsed, len(files))
	perFile := make([]Errors, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Go(func() {
			for i := range next {
				out[i] = parseOne(files[i], &perFile[i])
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, e := range perFile {
		*errs = append(*errs, e...)
	}
	return out
}

func parseOne(f SourceFile, errs *Errors) *parsed {
	if len(bytes.TrimSpace(f.Data)) == 0 {
		errs.Add(Pos{File: f.Path, Line: 1, Col: 1}, "file is empty")
		return nil
	}
	// The structure is checked first, in one linear pass, so that the
	// parser never sees a file deep or wide enough to exhaust it.
	ix, limit := scanSource(f.Path, f.Data)
	if limit != nil {
		errs.Add(limit.pos, limit.msg)
		return nil
	}
	root := map[string]any{}
	if _, err := toml.NewDecoder(bytes.NewReader(f.Data)).Decode(&root); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg := pe.Message
			if msg == "" {
				msg = err.Error()
			}
			errs.Add(Pos{File: f.Path, Line: pe.Position.Line, Col: pe.Position.Col}, "TOML syntax: "+msg)
		} else {
			errs.Add(Pos{File: f.Path, Line: 1}, "TOML: "+err.Error())
		}
		return nil
	}
	return &parsed{path: f.Path, root: root, ix: ix}
}

// loader carries the state of one Load.
type loader struct {
	// partial is set by LoadPartial; unknown counts the unknown
	// references reported, and resolvedWithout says the pack was resolved
	// without them.
	partial         bool
	unknown         int
	resolvedWithout bool
	p               *Pack
	errs            *Errors
	byPath          map[string]*parsed
	refs            refs
	levelRefs       []levelRef
	broken          []string // sources that failed to parse: references into them are not reported
	// scaleBroken is set when competences.toml has problems, so levels
	// are not also reported as off the scale.
	scaleBroken bool
	badIDs      map[string]bool
	badUses     map[string]*badID
	dir         string // the content directory, where Markdown images are read
	// hrDeclared is set when pack.toml's [people] names a source; hrKeys
	// are the people of people.toml with what the export may match them
	// by (hr.go).
	hrDeclared bool
	hrKeys     []hrKey
}

// parsedOK reports whether the sources matching prefix all parsed.
func (l *loader) parsedOK(prefix string) bool {
	for _, b := range l.broken {
		if strings.HasPrefix(b, prefix) {
			return false
		}
	}
	return true
}

func (l *loader) decode(sources []*parsed) {
	var translations []*parsed
	for _, s := range sources {
		if s == nil {
			continue
		}
		d := &decoder{file: s.path, ix: s.ix, errs: l.errs, badIDs: l.badIDs, badUses: l.badUses, pack: l.p}
		root := d.root(s.root)
		switch {
		case s.path == PackFile:
			l.decodePack(root)
		case s.path == PeopleFile:
			l.decodePeople(root)
		case s.path == CompetencesFile:
			l.decodeCompetences(root)
		case s.path == RACIFile:
			l.decodeRACI(root)
		case s.path == ReviewTeamFile:
			l.decodeReviewTeam(root)
		case s.path == AcksFile:
			l.decodeAcks(root)
		case path.Dir(s.path) == RolesDir:
			l.decodeRole(root, strings.TrimSuffix(path.Base(s.path), ".toml"))
		case strings.HasPrefix(s.path, TranslationsDir+"/"):
			translations = append(translations, s) // once the languages are known
			continue
		default:
			msg := "unexpected source file; rolepack reads " + strings.Join(topFiles, ", ") + " and roles/*.toml"
			if sug := suggest(s.path, topFiles); sug != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", sug)
			}
			l.errs.Add(Pos{File: s.path}, msg)
			continue
		}
		root.finish()
		l.p.units = append(l.p.units, unitsIn(s)...)
	}
	for _, s := range translations {
		d := &decoder{file: s.path, ix: s.ix, errs: l.errs, pack: l.p}
		root := d.root(s.root)
		l.decodeTranslation(root, s.path)
		root.finish()
	}
	l.reportBadIDs()
	if len(l.p.Roles) == 0 && len(*l.errs) == 0 {
		l.errs.Add(Pos{File: RolesDir}, "the pack defines no roles: add one file per role under roles/")
	}
}

func (l *loader) decodePack(o *obj) {
	p := l.p
	if org := o.Table("organisation", true, "[organisation]"); org != nil {
		p.Organisation = Organisation{
			Name:  org.Name("name", true),
			Scope: l.markdown(org.pos("scope"), org.Text("scope", true)),
			Pos:   org.tablePos(),
		}
		org.finish()
	}
	for _, a := range o.Tables("area", false, "[[area]]") {
		p.Organisation.Areas = append(p.Organisation.Areas, &Area{
			ID:   a.ID("id", true),
			Name: a.Name("name", true),
			Pos:  a.tablePos(),
		})
		a.finish()
	}
	if doc := o.Table("document", true, "[document]"); doc != nil {
		p.Document = DocumentControl{
			ID:                   doc.String("id", true),
			Title:                doc.String("title", true),
			Version:              doc.Name("version", true),
			Status:               doc.Enum("status", true, StatusDraft, StatusApproved, StatusSuperseded),
			Classification:       doc.String("classification", true),
			OwnerID:              doc.ID("owner", true),
			ApproverID:           doc.ID("approver", false),
			ApprovalDate:         doc.Date("approval_date", false),
			EffectiveDate:        doc.Date("effective_date", false),
			ReviewIntervalMonths: doc.Int("review_interval_months", false, 1, 60, 12),
			AckDueDays:           doc.Int("ack_due_days", false, 1, 3650, 0),
			LastReview:           doc.Date("last_review", true),
			Distribution:         doc.Strings("distribution", false),
			Paper:                doc.Enum("paper", false, "a4", "letter"),
			Pos:                  doc.tablePos(),
			KeyPos:               map[string]Pos{},
		}
		dc := &p.Document
		l.refs.role(doc.pos("owner"), dc.OwnerID, func(r *Role) { dc.Owner = r })
		l.refs.person(doc.pos("approver"), dc.ApproverID, func(x *Person) { dc.Approver = x })
		if p.Document.Paper == "" {
			p.Document.Paper = "a4"
		}
		for _, k := range []string{"id", "version", "status", "owner", "approver", "approval_date", "effective_date", "last_review", "review_interval_months", "ack_due_days"} {
			p.Document.KeyPos[k] = doc.pos(k)
		}
		doc.finish()
	}
	p.TrainingDueDays = o.Int("training_due_days", false, 1, 3650, DefaultTrainingDueDays)
	l.decodeLanguages(o)
	l.decodeHRSource(o.Table("people", false, "[people]"))
	l.decodeCompletions(o)
	l.decodeFonts(o)
	seen := map[string]Pos{}
	for _, r := range o.Tables("revision", true, "[[revision]]") {
		rev := &Revision{
			Version: r.Name("version", true),
			Date:    r.Date("date", true),
			Author:  r.Name("author", true),
			Summary: r.Text("summary", true),
			GitRef:  r.String("git_ref", false),
			Pos:     r.tablePos(),
		}
		if first, dup := seen[rev.Version]; dup && rev.Version != "" {
			r.errorf("version", "revision %q is listed twice (first at line %d)", rev.Version, first.Line)
		}
		seen[rev.Version] = rev.Pos
		p.Revisions = append(p.Revisions, rev)
		r.finish()
	}
}

func (l *loader) decodePeople(o *obj) {
	for _, e := range o.Tables("person", true, "[[person]]") {
		p := &Person{
			ID:            e.ID("id", true),
			Name:          e.Name("name", l.p.HR == nil), // an HR export may supply it (pack.toml is decoded first)
			SortName:      e.Name("sort_name", false),
			JobTitle:      e.String("job_title", l.p.HR == nil),
			AreaID:        e.ID("area", false),
			Department:    e.String("department", false),
			Email:         e.String("email", false),
			LineManagerID: e.ID("line_manager", false),
			External:      e.Bool("external"),
			Company:       e.Name("company", false),
			Status:        e.Enum("status", false, Active, Leaver),
			LeftOn:        e.Date("left_on", false),
			LeavesOn:      e.Date("leaves_on", false),
			StartedOn:     e.Date("started_on", false),
			Pos:           e.tablePos(),
		}
		k := hrKey{person: p, hrID: e.String("hr_id", false), hrIDPos: e.pos("hr_id"), emailPos: e.pos("email")}
		if k.hrID != "" && !l.hrDeclared {
			e.errorf("hr_id", "\"hr_id\" matches a person to a row of the HR export, and pack.toml's [people] names no \"source\"")
		}
		l.hrKeys = append(l.hrKeys, k)
		if k.hrID != "" {
			if l.p.hrIDs == nil {
				l.p.hrIDs = map[string]string{}
			}
			l.p.hrIDs[strings.ToLower(k.hrID)] = p.ID
		}
		if p.Status == Leaver && !p.LeavesOn.IsZero() {
			e.errorf("leaves_on", "\"leaves_on\" is for someone still here who will leave: a leaver has \"left_on\"")
		}
		if p.Status == "" {
			p.Status = Active
		}
		// A company that was written but refused is reported already.
		if raw, _ := e.m["company"].(string); p.External && strings.TrimSpace(raw) == "" && e.has("external") {
			e.errorf("external", "an external person needs \"company\": the firm they work for")
		}
		if !p.External && p.Company != "" && !e.has("external") {
			e.errorf("company", "\"company\" is only for external people: add external = true, or remove it")
		}
		if p.Status == Leaver && p.LeftOn.IsZero() && !e.has("left_on") {
			e.errorf("status", "a leaver needs \"left_on\", the date they left")
		}
		if p.Status == Active && !p.LeftOn.IsZero() {
			e.errorf("left_on", "\"left_on\" is set but status is not \"leaver\": set status = \"leaver\" or remove left_on")
		}
		if p.Email != "" && !strings.Contains(p.Email, "@") {
			e.errorf("email", "email %q has no @", p.Email)
		}
		l.refs.area(e.pos("area"), p.AreaID, func(a *Area) { p.Area = a })
		l.refs.person(e.pos("line_manager"), p.LineManagerID, func(m *Person) { p.LineManager = m })
		l.p.People = append(l.p.People, p)
		e.finish()
	}
}

func (l *loader) decodeRole(o *obj, stem string) {
	r := &Role{
		ID:             o.ID("id", true),
		Name:           o.Name("name", true),
		Category:       o.Name("category", true),
		Purpose:        l.markdown(o.pos("purpose"), o.Text("purpose", true)),
		ReportsToID:    o.ID("reports_to", false),
		HeldByEveryone: o.Bool("held_by_everyone"),
		Critical:       o.Bool("critical"),
		Education:      o.Text("education", false),
		Experience:     o.Text("experience", false),
		LastReview:     o.Date("last_review", false),
		Pos:            Pos{File: o.d.file, Line: 1, Col: 1},
		KeyPos:         map[string]Pos{},
	}
	r.ReviewIntervalMonth = o.Int("review_interval_months", false, 1, 60, 0)
	if r.ID != "" && r.ID != stem {
		o.errorf("id", "role id %q does not match its file name: rename the file to roles/%s.toml or set id = %q", r.ID, r.ID, stem)
	}
	if r.ID != stem && slugRE.MatchString(stem) {
		// The problem is reported; going on under the file's name keeps
		// references to the role from being reported as unknown too.
		r.ID = stem
	}
	r.Responsibilities = o.Items("responsibilities", true)
	l.checkInlineItems(r.Responsibilities)
	if arr, ok := o.m["responsibilities"].([]any); ok && len(arr) == 0 {
		o.errorf("responsibilities", "a role needs at least one responsibility")
	}
	for _, a := range o.Tables("authority", false, "[[authority]]") {
		au := &Authority{
			Text:            a.Name("text", true),
			Limit:           a.String("limit", false),
			DelegatedFromID: a.ID("delegated_from", false),
			Pos:             a.tablePos(),
			KeyPos:          map[string]Pos{},
		}
		decodeLimits(a, au)
		l.checkInline(a.pos("text"), au.Text)
		if au.Limit != "" {
			l.checkInline(a.pos("limit"), au.Limit)
		}
		l.refs.role(a.pos("delegated_from"), au.DelegatedFromID, func(x *Role) { au.DelegatedFrom = x })
		r.Authorities = append(r.Authorities, au)
		a.finish()
	}
	for _, q := range o.Tables("requirement", false, "[[requirement]]") {
		r.Requirements = append(r.Requirements, &Requirement{
			CompetenceID: q.ID("competence", true),
			Level:        q.Int("level", true, 0, 100, 0),
			AddedOn:      q.Date("added_on", false),
			Pos:          q.tablePos(),
		})
		rq := r.Requirements[len(r.Requirements)-1]
		l.refs.competence(q.pos("competence"), rq.CompetenceID, func(c *Competence) { rq.Competence = c })
		l.levelRefs = append(l.levelRefs, levelRef{q.pos("level"), rq.Level})
		q.finish()
	}
	if c := o.Table("communication", false, "[communication]"); c != nil {
		r.CommunicateInternal = c.Items("internal", false)
		r.CommunicateExternal = c.Items("external", false)
		l.checkInlineItems(r.CommunicateInternal)
		l.checkInlineItems(r.CommunicateExternal)
		c.finish()
	}
	r.References = o.Strings("references", false)
	l.refs.role(o.pos("reports_to"), r.ReportsToID, func(x *Role) { r.ReportsTo = x })
	for _, it := range o.IDs("conflicts_with", false) {
		r.ConflictIDs = append(r.ConflictIDs, it.Text)
		r.KeyPos["conflicts_with/"+it.Text] = it.Pos
		l.refs.role(it.Pos, it.Text, func(x *Role) { r.Conflicts = append(r.Conflicts, x) })
	}
	for i, it := range o.Items("clause_5_3", false) {
		switch it.Text {
		case "a":
			r.Conformity = true
		case "b":
			r.Reporting = true
		default:
			o.errorf(fmt.Sprintf("clause_5_3[%d]", i), "clause_5_3 entry %q is not \"a\" (conformity of the ISMS) or \"b\" (reporting ISMS performance)", it.Text)
		}
	}
	for _, a := range o.Tables("assignment", false, "[[assignment]]") {
		as := &Assignment{
			Role:        r,
			PersonID:    a.ID("person", true),
			AppointedOn: a.Date("appointed_on", true),
			Evidence:    a.String("evidence", false),
			DeputyID:    a.ID("deputy", false),
			Pos:         a.tablePos(),
			KeyPos:      map[string]Pos{"person": a.pos("person"), "deputy": a.pos("deputy"), "appointed_on": a.pos("appointed_on")},
		}
		if as.DeputyID != "" && as.DeputyID == as.PersonID {
			a.errorf("deputy", "the deputy of %q is the holder themselves: name another person", as.PersonID)
		}
		l.refs.person(a.pos("person"), as.PersonID, func(x *Person) { as.Person = x })
		l.refs.person(a.pos("deputy"), as.DeputyID, func(x *Person) { as.Deputy = x })
		r.Assignments = append(r.Assignments, as)
		a.finish()
	}
	if r.HeldByEveryone && len(r.Assignments) > 0 {
		o.errorf("held_by_everyone", "a role held by everyone has no [[assignment]] entries: remove them or held_by_everyone")
	}
	for _, k := range []string{"id", "name", "reports_to", "last_review", "responsibilities", "clause_5_3", "held_by_everyone", "critical"} {
		r.KeyPos[k] = o.pos(k)
	}
	l.p.Roles = append(l.p.Roles, r)
}

func (l *loader) decodeRACI(o *obj) {
	for _, e := range o.Tables("activity", true, "[[activity]]") {
		a := &Activity{
			ID:      e.ID("id", true),
			Name:    e.Name("name", true),
			Process: e.Name("process", true),
			Clause:  e.String("clause", false),
			RoleIDs: map[string][]string{},
			Pos:     e.tablePos(),
			KeyPos:  map[string]Pos{},
		}
		a.Roles = map[string][]*Role{}
		for _, letter := range Letters {
			key := strings.ToLower(LetterNames[letter])
			if e.has(key) {
				a.KeyPos[letter] = e.pos(key)
			}
			for _, it := range roleList(e, key) {
				a.RoleIDs[letter] = append(a.RoleIDs[letter], it.Text)
				l.refs.role(it.Pos, it.Text, func(x *Role) { a.Roles[letter] = append(a.Roles[letter], x) })
			}
		}
		l.p.Activities = append(l.p.Activities, a)
		e.finish()
	}
}

// roleList reads a RACI cell: one role id or an array of them.
func roleList(e *obj, key string) []Item {
	if _, ok := e.m[key].(string); ok {
		if id := e.ID(key, false); id != "" {
			return []Item{{Text: id, Pos: e.pos(key)}}
		}
		return nil
	}
	return e.IDs(key, false)
}

func (l *loader) decodeCompetences(o *obj) {
	p := l.p
	before := len(*l.errs)
	defer func() { l.scaleBroken = len(*l.errs) > before }()
	for _, e := range o.Tables("level", true, "[[level]]") {
		p.Scale = append(p.Scale, &Level{
			Level:       e.Int("level", true, 0, 100, 0),
			Name:        e.Name("name", true),
			Description: e.String("description", false),
			Pos:         e.tablePos(),
		})
		e.finish()
	}
	for _, e := range o.Tables("competence", true, "[[competence]]") {
		p.Competences = append(p.Competences, &Competence{
			ID:          e.ID("id", true),
			Name:        e.Name("name", true),
			Kind:        e.Enum("kind", true, CompetenceKinds...),
			Description: e.String("description", false),
			Pos:         e.tablePos(),
		})
		e.finish()
	}
	for _, e := range o.Tables("record", false, "[[record]]") {
		rec := &Record{
			PersonID:     e.ID("person", true),
			CompetenceID: e.ID("competence", true),
			Level:        e.Int("level", true, 0, 100, 0),
			Evidence:     e.String("evidence", false),
			Date:         e.Date("date", true),
			Status:       e.Enum("status", false, RecordHeld, RecordPlanned),
			Pos:          e.tablePos(),
		}
		if rec.Status == "" {
			rec.Status = RecordHeld
		}
		l.refs.person(e.pos("person"), rec.PersonID, func(x *Person) { rec.Person = x })
		l.refs.competence(e.pos("competence"), rec.CompetenceID, func(c *Competence) { rec.Competence = c })
		l.levelRefs = append(l.levelRefs, levelRef{e.pos("level"), rec.Level})
		p.Records = append(p.Records, rec)
		e.finish()
	}
}

func (l *loader) decodeReviewTeam(o *obj) {
	t := &ReviewTeam{
		Name:                  o.Name("name", true),
		ChairID:               o.ID("chair", true),
		ReportsTo:             o.String("reports_to", true),
		Cadence:               o.String("cadence", true),
		MeetingIntervalMonths: o.Int("meeting_interval_months", false, 1, 12, 3),
		Agenda:                o.Items("agenda", true),
		Duties:                o.Items("duties", true),
		Pos:                   Pos{File: o.d.file, Line: 1, Col: 1},
	}
	l.refs.person(o.pos("chair"), t.ChairID, func(x *Person) { t.Chair = x })
	for _, e := range o.Tables("member", true, "[[member]]") {
		m := &Member{
			PersonID:  e.ID("person", true),
			AreaID:    e.ID("area", true),
			DeputyID:  e.ID("deputy", false),
			Senior:    e.Bool("senior_leadership"),
			Agreement: e.String("agreement", false),
			Pos:       e.tablePos(),
			KeyPos:    map[string]Pos{"person": e.pos("person"), "area": e.pos("area"), "deputy": e.pos("deputy"), "agreement": e.pos("agreement")},
		}
		l.refs.person(e.pos("person"), m.PersonID, func(x *Person) { m.Person = x })
		l.refs.person(e.pos("deputy"), m.DeputyID, func(x *Person) { m.Deputy = x })
		l.refs.area(e.pos("area"), m.AreaID, func(a *Area) { m.Area = a })
		if m.DeputyID != "" && m.DeputyID == m.PersonID {
			e.errorf("deputy", "the deputy of %q is the member themselves: name another person", m.PersonID)
		}
		t.Members = append(t.Members, m)
		e.finish()
	}
	for _, e := range o.Tables("meeting", false, "[[meeting]]") {
		t.Meetings = append(t.Meetings, &Meeting{
			Date:    e.Date("date", true),
			Minutes: e.String("minutes", false),
			Pos:     e.tablePos(),
		})
		e.finish()
	}
	sort.SliceStable(t.Meetings, func(i, j int) bool { return t.Meetings[i].Date.Before(t.Meetings[j].Date) })
	l.p.ReviewTeam = t
}

func (l *loader) decodeAcks(o *obj) {
	for _, e := range o.Tables("acknowledgement", true, "[[acknowledgement]]") {
		a := &Acknowledgement{
			PersonID: e.ID("person", true),
			Version:  e.Name("version", true),
			Date:     e.Date("date", true),
			Evidence: e.String("evidence", false),
			Language: e.String("language", false),
			Pos:      e.tablePos(),
			KeyPos:   map[string]Pos{"version": e.pos("version"), "date": e.pos("date"), "language": e.pos("language")},
		}
		l.refs.person(e.pos("person"), a.PersonID, func(x *Person) { a.Person = x })
		l.p.Acknowledgements = append(l.p.Acknowledgements, a)
		e.finish()
	}
}

// reportBadIDs reports each malformed id once, where it is defined if it
// is, rather than once per use: one mistyped id is one mistake.
func (l *loader) reportBadIDs() {
	bad := make([]*badID, 0, len(l.badUses))
	for _, b := range l.badUses {
		bad = append(bad, b)
	}
	sort.Slice(bad, func(i, j int) bool { return bad[i].order < bad[j].order })
	for _, b := range bad {
		msg := b.msg
		if b.uses > 1 {
			msg += fmt.Sprintf(" (written %d times in the pack; correct every one)", b.uses)
		}
		l.errs.Add(b.pos, msg)
	}
}

// languageTag is the form of a language pack.toml may name: a language, an
// optional script and an optional region ("de", "zh-Hans", "pt-BR"), as
// the message catalogues are named.
var languageTag = regexp.MustCompile(`^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$`)

// decodeLanguages reads language (the sources' language, default "en")
// and languages (every language built, the sources' one among them).
// Whether rolepack has messages for each is the pipeline's question
// (it loads the catalogues); here only the tags' form and repeats.
func (l *loader) decodeLanguages(o *obj) {
	p := l.p
	p.LanguagePos = map[string]Pos{}
	p.Language = "en"
	if o.has("language") {
		if s := o.String("language", false); languageTag.MatchString(s) {
			p.Language = s
		} else if s != "" {
			o.errorf("language", "%q is not a language tag such as \"en\", \"de\", \"pt-BR\" or \"zh-Hans\"", s)
		}
		p.LanguagePos[p.Language] = o.pos("language")
	}
	p.Languages = []string{p.Language}
	if !o.has("languages") {
		if _, ok := p.LanguagePos[p.Language]; !ok {
			p.LanguagePos[p.Language] = Pos{File: o.pos("language").File}
		}
		return
	}
	named := false
	for i, it := range o.Items("languages", false) {
		k := fmt.Sprintf("languages[%d]", i)
		switch {
		case !languageTag.MatchString(it.Text):
			o.errorf(k, "%q is not a language tag such as \"en\", \"de\", \"pt-BR\" or \"zh-Hans\"", it.Text)
		case it.Text == p.Language:
			named = true
			if _, ok := p.LanguagePos[p.Language]; !ok {
				p.LanguagePos[p.Language] = it.Pos
			}
		case slices.Contains(p.Languages, it.Text):
			o.errorf(k, "%q is listed twice", it.Text)
		default:
			p.Languages = append(p.Languages, it.Text)
			p.LanguagePos[it.Text] = it.Pos
		}
	}
	if !named {
		o.errorf("languages", "languages must name the language the sources are written in (language = %q)", p.Language)
	}
}
