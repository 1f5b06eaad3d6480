package main

// The layouts mirror templates/site: each page has the same sections, in
// the same markup, over the same data. Front matter keys reach Hugo in
// lower case; data files keep the case they are written in.
var layouts = map[string]string{
	"_default/baseof.html": `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Params.doctitle }}</title>
{{ partialCached "top.html" . }}
{{ block "main" . }}{{ end }}
{{ partialCached "bottom.html" . }}`,

	"partials/top.html": `<meta name="rolepack-stamp" content="{{ site.Params.stamp }}">
<link rel="icon" href="{{ "favicon.svg" | relURL }}" type="image/svg+xml">
<style>{{ site.Params.css | safeCSS }}</style>
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body{{ if eq site.Params.status "draft" }} class="draft"{{ end }}>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <p class="org"><a href="{{ "index.html" | relURL }}">{{ site.Params.org }}</a> · {{ site.Params.doctitle }}{{ if ne site.Params.status "approved" }} <span class="status">{{ site.Params.status }}</span>{{ end }}</p>
  <form class="search" role="search" action="#" onsubmit="return false">
    <label for="q">Search roles, people, duties, ids and clauses</label>
    <input id="q" type="search" autocomplete="off" placeholder="Search…" data-root="{{ "" | relURL }}" aria-describedby="search-help" aria-controls="results">
    <span id="search-help" class="vh">Results appear as you type; the arrow keys move through them, Enter opens one, Escape clears.</span>
    <ul id="results" aria-live="polite" aria-label="Search results"></ul>
  </form>
</header>
<nav aria-label="Site">
  <ul>
    <li><a href="{{ "index.html" | relURL }}">Roles</a></li>
    <li><a href="{{ "raci.html" | relURL }}">RACI</a></li>
    <li><a href="{{ "competence.html" | relURL }}">Competence</a></li>
    <li><a href="{{ "review-team.html" | relURL }}">Review team</a></li>
    <li><a href="{{ "chart.html" | relURL }}">Reporting lines</a></li>
    <li><a href="{{ "revisions.html" | relURL }}">Revisions</a></li>
    <li><a href="{{ "audit.html" | relURL }}">Audit readiness</a></li>
  </ul>
</nav>
<main id="main">`,

	"partials/bottom.html": `
</main>
<footer>
  <p>{{ site.Params.docid }} · version {{ site.Params.version }} · {{ site.Params.status }} · {{ site.Params.classification }}</p>
  <p class="stamp">Stamp: {{ range $i, $p := split site.Params.stampText " · " }}{{ if $i }} · {{ end }}<span class="nowrap">{{ $p }}</span>{{ end }}</p>
  <nav aria-label="Downloads" class="foot-downloads"><p>Downloads of this version:</p><ul class="downloads">{{ range site.Params.downloads }}<li><a href="{{ printf "/../%s" .file | relURL }}" type="{{ .type }}">{{ .name }}</a> <span class="limit">({{ .kind }})</span></li>{{ end }}</ul></nav>
  <p class="print-only">Uncontrolled when printed.</p>
</footer>
<script src="{{ "search.js" | relURL }}"></script>
</body>
</html>`,

	"people/single.html": `{{ define "main" }}{{ $p := .Params }}
<h1>{{ .Title }}</h1>
<p class="lead">{{ $p.job }}{{ with $p.department }} · {{ . }}{{ end }}{{ if $p.external }} · external, {{ $p.company }}{{ end }}</p>
{{ if $p.must_ack }}<nav class="person-files" aria-label="Files of {{ .Title }}"><a href="{{ printf "/../people/%s/brief.pdf" $p.id | relURL }}">My roles (brief and acknowledgement, PDF)</a>{{ range $p.holds }} · <a href="{{ printf "/../people/%s/appointment-%s.pdf" $p.id .role.id | relURL }}">Appointment letter: {{ .role.name }}</a>{{ end }}{{ range $p.deputises }} · <a href="{{ printf "/../people/%s/deputy-%s-%s.pdf" $p.id .role.id .person.id | relURL }}">Deputy letter: {{ .role.name }} for {{ .person.name }}</a>{{ end }}</nav>{{ end }}
<section aria-labelledby="roles"><h2 id="roles">Roles</h2>
{{ with $p.holds }}<ul>{{ range . }}<li><a href="{{ printf "/roles/%s.html" .role.id | relURL }}">{{ .role.name }}</a> — appointed <time>{{ .appointed }}</time>{{ with .deputy }}; deputy {{ if .active }}<a href="{{ printf "/people/%s.html" .id | relURL }}">{{ .name }}</a>{{ else }}{{ .name }} (left){{ end }}{{ end }}</li>{{ end }}</ul>{{ end }}
{{ with $p.deputises }}<h3>Deputy for</h3><ul>{{ range . }}<li><a href="{{ printf "/people/%s.html" .person.id | relURL }}">{{ .person.name }}</a> as <a href="{{ printf "/roles/%s.html" .role.id | relURL }}">{{ .role.name }}</a></li>{{ end }}</ul>{{ end }}
{{ if or $p.chair $p.review $p.review_deputy_for }}<h3>Management Review Team</h3>
<ul class="review">{{ if $p.chair }}<li>Chair of the Management Review Team</li>{{ end }}
{{ with $p.review }}<li>Member for {{ .area }}{{ if .senior }} (senior leadership){{ end }}{{ with .deputy }}; deputy {{ if .active }}<a href="{{ printf "/people/%s.html" .id | relURL }}">{{ .name }}</a>{{ else }}{{ .name }} (left){{ end }}{{ end }}</li>{{ end }}
{{ range $p.review_deputy_for }}<li>Deputy for {{ if .person.active }}<a href="{{ printf "/people/%s.html" .person.id | relURL }}">{{ .person.name }}</a>{{ else }}{{ .person.name }} (left){{ end }}, member for {{ .area }}</li>{{ end }}
</ul>{{ end }}
{{ if not $p.seated }}<p>No named role (the roles held by everyone apply{{ with site.Params.everyone }}: {{ range $i, $r := . }}{{ if $i }}, {{ end }}<a href="{{ printf "/roles/%s.html" $r.id | relURL }}">{{ $r.name }}</a>{{ end }}{{ end }}).</p>{{ end }}
</section>
{{ if $p.must_ack }}<section aria-labelledby="ack"><h2 id="ack">Acknowledgement</h2>
<p>{{ with $p.ack }}Acknowledged version {{ site.Params.version }} on <time>{{ .date }}</time>{{ with .evidence }} ({{ . }}){{ end }}.{{ else }}{{ with $p.earlier }}{{ if .carried }}Acknowledged version {{ .version }} on <time>{{ .date }}</time>; it carries forward to version {{ site.Params.version }}: nothing in their duties changed since.{{ else }}<strong>To acknowledge again:</strong> they acknowledged version {{ .version }} on <time>{{ .date }}</time>; changed since then:</p>
<ul class="changes">{{ range .changed }}<li>{{ . }}</li>{{ end }}</ul><p>{{ end }}{{ else }}<strong>Not yet acknowledged</strong> version {{ site.Params.version }}.{{ end }}{{ end }}</p>
</section>{{ end }}
<section aria-labelledby="comp"><h2 id="comp">Competence</h2>
{{ if $p.needs }}<div class="scroll" role="region" aria-label="Competence" tabindex="0"><table><thead><tr><th scope="col">Competence</th><th scope="col">Required</th><th scope="col">Held</th><th scope="col">Status</th></tr></thead>
<tbody>{{ range $n := $p.needs }}<tr{{ if .gap }} class="gap"{{ end }}><td>{{ .competence }}</td><td>{{ .required }}{{ with .for }} <span class="limit">(for {{ . }}{{ if $n.deputising }}, as deputy{{ end }})</span>{{ end }}</td><td>{{ .held }}{{ with .evidence }} <span class="limit">({{ . }})</span>{{ end }}</td><td>{{ if .gap }}Gap: training needed{{ else }}Met{{ end }}</td></tr>{{ end }}</tbody></table></div>
{{ else }}<p>No competence requirements.</p>{{ end }}
{{ with $p.gaps }}<h3>Training plan</h3><ul>{{ range . }}<li>{{ .action }} — for {{ .role }}{{ if .deputising }} (as deputy){{ end }}</li>{{ end }}</ul>{{ end }}
</section>
<section aria-labelledby="raci"><h2 id="raci">RACI duties</h2>
{{ if $p.duties }}<div class="scroll" role="region" aria-label="RACI duties" tabindex="0"><table><thead><tr><th scope="col">Activity</th><th scope="col">Process</th><th scope="col">Letters</th></tr></thead>
<tbody>{{ range $p.duties }}<tr><td><a href="{{ printf "/raci.html#%s" .id | relURL }}">{{ .name }}</a></td><td>{{ .process }}</td><td><span class="letter {{ .class }}">{{ .letters }}</span></td></tr>{{ end }}</tbody></table></div>
{{ else }}<p>None.</p>{{ end }}</section>
{{ if $p.must_ack }}<section class="print-only person-sign"><p>I have read and understood my roles, responsibilities and authorities as described in {{ site.Params.docid }} version {{ site.Params.version }}, and I accept them.</p><p>Signature: ______________________________ Date: ______________</p></section>{{ end }}
{{ end }}`,

	"roles/single.html": `{{ define "main" }}{{ $r := .Params }}
<p class="crumbs">{{ range $r.chain }}<a href="{{ printf "/roles/%s.html" .id | relURL }}">{{ .name }}</a> › {{ end }}{{ .Title }}</p>
<h1>{{ .Title }}</h1>{{ with $r.changed_in }}
<p class="changed"><strong>Changed in version {{ . }}.</strong> <a href="{{ "revisions.html" | relURL }}">What changed</a></p>{{ end }}
<p class="lead">{{ $r.category }}{{ with $r.references }} · {{ delimit . ", " }}{{ end }}</p>
<section aria-labelledby="purpose"><h2 id="purpose">Purpose</h2>{{ .Content }}</section>
<section aria-labelledby="holders"><h2 id="holders">Held by</h2>
{{ if $r.everyone }}<p>Everyone in the organisation.</p>{{ else }}{{ if or $r.seats $r.former }}
<div class="scroll" role="region" aria-label="Holders" tabindex="0"><table>
<thead><tr><th scope="col">Holder</th><th scope="col">Appointed</th><th scope="col">Evidence</th><th scope="col">Deputy</th></tr></thead>
<tbody>{{ range $r.seats }}<tr>
<td><a href="{{ printf "/people/%s.html" .person.id | relURL }}">{{ .person.name }}</a>{{ if .external }} <span class="tag">external, {{ .company }}</span>{{ end }}</td>
<td><time>{{ .appointed }}</time></td><td>{{ .evidence }}</td>
<td>{{ with .deputy }}{{ if .active }}<a href="{{ printf "/people/%s.html" .id | relURL }}">{{ .name }}</a>{{ else }}<del>{{ .name }}</del> (left){{ end }}{{ end }}</td>
</tr>{{ end }}{{ range $r.former }}<tr class="former">
<td><del>{{ .person.name }}</del> (left)</td>
<td><time>{{ .appointed }}</time></td><td>{{ .evidence }}</td>
<td>{{ with .deputy }}{{ if .active }}<a href="{{ printf "/people/%s.html" .id | relURL }}">{{ .name }}</a>{{ else }}<del>{{ .name }}</del> (left){{ end }}{{ end }}</td>
</tr>{{ end }}</tbody></table></div>{{ end }}
{{ if $r.vacant }}<p><strong>Vacant:</strong> no one holds this role.</p>{{ end }}{{ end }}
</section>
<section aria-labelledby="resp"><h2 id="resp">Responsibilities</h2>
<ul>{{ range $r.responsibilities }}<li>{{ . }}</li>{{ end }}</ul></section>
<section aria-labelledby="auth"><h2 id="auth">Authorities</h2>
{{ if $r.authorities }}<ul>{{ range $r.authorities }}<li>{{ .text }}{{ with .limit }} <span class="limit">— limit: {{ . }}</span>{{ end }}</li>{{ end }}</ul>{{ else }}<p>None recorded.</p>{{ end }}</section>
<section aria-labelledby="comp"><h2 id="comp">Competence</h2>
{{ if $r.requirements }}<div class="scroll" role="region" aria-label="Competence required" tabindex="0"><table><thead><tr><th scope="col">Competence</th><th scope="col">Minimum level</th></tr></thead>
<tbody>{{ range $r.requirements }}<tr><td>{{ .competence }}</td><td>{{ .level }}</td></tr>{{ end }}</tbody></table></div>{{ end }}
{{ with $r.education }}<p><strong>Education:</strong> {{ . }}</p>{{ end }}
{{ with $r.experience }}<p><strong>Experience:</strong> {{ . }}</p>{{ end }}
</section>
{{ if or $r.internal $r.external }}<section aria-labelledby="comm"><h2 id="comm">Communication</h2>
{{ with $r.internal }}<h3>Internal</h3><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
{{ with $r.external }}<h3>External</h3><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
</section>{{ end }}
<section aria-labelledby="lines"><h2 id="lines">Reporting lines</h2>
<p>{{ with $r.reports_to }}Reports to <a href="{{ printf "/roles/%s.html" .id | relURL }}">{{ .name }}</a>.{{ else }}Top of the reporting lines.{{ end }}</p>
{{ with $r.reports }}<p>Reporting to this role: {{ range $i, $c := . }}{{ if $i }}, {{ end }}<a href="{{ printf "/roles/%s.html" $c.id | relURL }}">{{ $c.name }}</a>{{ end }}.</p>{{ end }}
{{ with $r.conflicts }}<p>Must not be held together with (segregation of duties): {{ range $i, $c := . }}{{ if $i }}, {{ end }}<a href="{{ printf "/roles/%s.html" $c.id | relURL }}">{{ $c.name }}</a>{{ end }}.</p>{{ end }}
</section>
<section aria-labelledby="raci"><h2 id="raci">RACI duties</h2>
{{ if $r.duties }}<div class="scroll" role="region" aria-label="RACI duties" tabindex="0"><table><thead><tr><th scope="col">Activity</th><th scope="col">Process</th><th scope="col">Role</th></tr></thead>
<tbody>{{ range $r.duties }}<tr><td><a href="{{ printf "/raci.html#%s" .id | relURL }}">{{ .name }}</a></td><td>{{ .process }}</td><td><span class="letter {{ .class }}">{{ .letters }}</span></td></tr>{{ end }}</tbody></table></div>
{{ else }}<p>None.</p>{{ end }}</section>
{{ end }}`,

	"index.html": `{{ define "main" }}{{ $p := .Params }}
<h1>{{ site.Params.doctitle }}</h1>
<p class="lead">{{ site.Params.org }}</p>
<section aria-labelledby="doc">
<h2 id="doc">Document control</h2>
<dl class="control">
  <dt>Document</dt><dd>{{ site.Params.docid }}, version {{ site.Params.version }} ({{ site.Params.status }})</dd>
  <dt>Classification</dt><dd>{{ site.Params.classification }}</dd>
  <dt>Owner</dt><dd>{{ with $p.owner }}<a href="{{ printf "/roles/%s.html" .id | relURL }}">{{ .name }}</a>{{ end }}</dd>
  {{ with $p.approver }}<dt>Approver</dt><dd>{{ . }}</dd>{{ end }}
  {{ with $p.effective }}<dt>Effective</dt><dd><time>{{ . }}</time></dd>{{ end }}
  <dt>Next review</dt><dd><time>{{ $p.next_review }}</time></dd>
</dl>
</section>
<section aria-labelledby="scope">
<h2 id="scope">Scope</h2>
{{ .Content }}
</section>
<section aria-labelledby="roles">
<h2 id="roles">Roles</h2>
{{ range $p.categories }}
<h3>{{ .name }}</h3>
<ul class="cards">
{{ range .roles }}<li><a href="{{ printf "/roles/%s.html" .id | relURL }}">{{ .name }}</a>
  <span>{{ .count }}</span></li>
{{ end }}
</ul>
{{ end }}
</section>
{{ end }}`,

	"_default/raci.html": `{{ define "main" }}{{ $d := site.Data.raci }}
<h1>RACI matrix</h1>
<p class="legend">{{ range $d.legend }}<span class="letter {{ .Class }}">{{ .Letter }}</span> {{ .Name }} {{ end }}</p>
<p><label for="filter">Filter activities</label> <input id="filter" type="search" data-filter="raci-table" placeholder="Type to filter…"></p>
{{ if $d.grid }}
<div class="scroll" role="region" aria-label="RACI matrix" tabindex="0"><table id="raci-table" class="raci">
<thead><tr><th scope="col">Activity</th><th scope="col" class="col-meta">Process</th><th scope="col" class="col-meta">Clause</th>{{ range $d.roles }}<th scope="col" class="rot"><a href="{{ printf "/roles/%s.html" .id | relURL }}">{{ .name }}</a></th>{{ end }}</tr></thead>
<tbody>{{ range $d.rows }}{{ $row := . }}<tr id="{{ .ID }}"><th scope="row">{{ .Name }}<span class="row-meta">{{ .Process }}{{ with .Clause }} · {{ . }}{{ end }}</span></th><td class="col-meta">{{ .Process }}</td><td class="col-meta">{{ .Clause }}</td>{{ range $i, $c := .Cells }}<td class="c">{{ if $c }}<span class="letter {{ index $row.Classes $i }}">{{ $c }}</span>{{ end }}</td>{{ end }}</tr>
{{ end }}</tbody></table></div>
{{ else }}
<p>With {{ len $d.roles }} roles the matrix is listed by activity: each activity names the roles of each letter.</p>
<div class="scroll" role="region" aria-label="RACI matrix by activity" tabindex="0"><table id="raci-table" class="raci-list">
<thead><tr><th scope="col">Activity</th><th scope="col" class="col-meta">Process</th><th scope="col" class="col-meta">Clause</th><th scope="col">Roles</th></tr></thead>
<tbody>{{ range $d.rows }}<tr id="{{ .ID }}"><th scope="row">{{ .Name }}<span class="row-meta">{{ .Process }}{{ with .Clause }} · {{ . }}{{ end }}</span></th><td class="col-meta">{{ .Process }}</td><td class="col-meta">{{ .Clause }}</td>
<td><dl class="parts">{{ range .Parts }}<dt><span class="letter {{ .Class }}">{{ .Letter }}</span> <span class="vh">{{ .Name }}</span></dt><dd>{{ range $i, $r := .Roles }}{{ if $i }}, {{ end }}<a href="{{ printf "/roles/%s.html" $r.id | relURL }}">{{ $r.name }}</a>{{ end }}</dd>{{ end }}</dl></td></tr>
{{ end }}</tbody></table></div>
{{ end }}
{{ end }}`,

	"_default/competence.html": `{{ define "main" }}{{ $d := site.Data.competence }}
<h1>Competence matrix</h1>
<p>Level held by each person with a seat (a role, a deputyship or a seat on the Management Review Team); where their seats require a level, it is shown after the slash. Gaps are highlighted. Scale: {{ delimit $d.scale ", " }}.</p>
<p><label for="filter">Filter people</label> <input id="filter" type="search" data-filter="comp-table" placeholder="Type to filter…"></p>
<div class="scroll" role="region" aria-label="Competence matrix" tabindex="0"><table id="comp-table" class="matrix">
<thead><tr><th scope="col">Person</th><th scope="col">Gaps</th>{{ range $d.competences }}<th scope="col" class="rot">{{ . }}</th>{{ end }}</tr></thead>
<tbody>{{ range $d.rows }}<tr><th scope="row"><a href="{{ printf "/people/%s.html" .ID | relURL }}">{{ .Name }}</a></th><td class="c">{{ .Gaps }}</td>{{ range .Cells }}<td class="c{{ if .G }} gap{{ end }}">{{ if .R }}{{ .H }}/{{ .R }}{{ else if .H }}{{ .H }}{{ end }}</td>{{ end }}</tr>
{{ end }}</tbody></table></div>
<h2>Training plan</h2>
{{ if $d.plan }}<div class="scroll" role="region" aria-label="Training plan" tabindex="0"><table><thead><tr><th scope="col">Person</th><th scope="col">Role</th><th scope="col">Competence</th><th scope="col">Required</th><th scope="col">Held</th><th scope="col">Action</th><th scope="col">Arranged by</th><th scope="col">Due</th></tr></thead>
<tbody>{{ range $d.plan }}<tr><td><a href="{{ printf "/people/%s.html" .Person.id | relURL }}">{{ .Person.name }}</a></td><td>{{ .Role }}{{ if .Deputising }} (as deputy){{ end }}</td><td>{{ .Competence }}</td><td>{{ .Required }}</td><td>{{ .Held }}</td><td>{{ .Action }}</td><td>{{ or .Owner "—" }}</td><td>{{ with .Due }}<time>{{ . }}</time>{{ else }}—{{ end }}{{ if .Planned }} (planned){{ end }}</td></tr>{{ end }}</tbody></table></div>
{{ else }}<p>No competence gaps: everyone with a seat meets the levels their seats require.</p>{{ end }}
{{ end }}`,

	"_default/chart.html": `{{ define "main" }}{{ $d := site.Data.chart }}
<h1>Reporting lines</h1>
<p class="chart-intro">The drawing shows who reports to whom; the <a href="#chart-list">list of roles by reporting line</a> under it holds the same tree, with a link to each role.</p>
<div class="chart-drawings" aria-hidden="true">
{{ range $d.drawings }}<div class="{{ .Class }}">
{{ range $i, $part := .Parts }}<figure class="chart-part">
<figcaption>{{ with .Under }}Reporting to {{ . }}{{ else }}From the top of the reporting lines{{ end }}</figcaption>
<svg class="chart" focusable="false" width="{{ .Width }}" height="{{ .Height }}" viewBox="0 0 {{ .Width }} {{ .Height }}">
{{ range .Edges }}<path d="M{{ .X1 }} {{ .Y1 }} V{{ .Mid }} H{{ .X2 }} V{{ .Y2 }}" class="edge"/>{{ end }}
{{ range .Boxes }}<a href="{{ printf "/roles/%s.html" .ID | relURL }}" tabindex="-1"><rect x="{{ .X }}" y="{{ .Y }}" width="{{ .W }}" height="{{ .H }}" rx="6"/><text class="name" text-anchor="middle">{{ $b := . }}{{ range $j, $l := .Lines }}<tspan x="{{ $b.CX }}" y="{{ add $b.Y (mul 16 (add $j 1)) }}">{{ $l }}</tspan>{{ end }}</text><text x="{{ .CX }}" y="{{ add .Y 40 }}" text-anchor="middle" class="sub">{{ .Holders }}</text></a>
{{ end }}</svg>
</figure>
{{ end }}</div>
{{ end }}</div>
<h2 id="chart-list">Roles by reporting line</h2>
{{ partial "tree.html" $d.tree }}
{{ end }}`,

	"partials/tree.html": `<ul class="tree">{{ range . }}<li><a href="{{ printf "/roles/%s.html" .ID | relURL }}">{{ .Name }}</a> <span class="limit">({{ .Holders }})</span>{{ with .Children }}{{ partial "tree.html" . }}{{ end }}</li>{{ end }}</ul>`,

	"_default/review.html": `{{ define "main" }}
<h1>Management Review Team</h1>
<div class="scroll" role="region" aria-label="Members" tabindex="0"><table><thead><tr><th scope="col">Member</th><th scope="col">Area</th><th scope="col">Deputy</th></tr></thead>
<tbody>{{ range .Params.members }}<tr><td>{{ with .person }}<a href="{{ printf "/people/%s.html" .id | relURL }}">{{ .name }}</a>{{ end }}{{ if .senior }} (senior leadership){{ end }}</td><td>{{ .area }}</td><td>{{ with .deputy }}{{ .name }}{{ end }}</td></tr>{{ end }}</tbody></table></div>
{{ end }}`,

	"_default/revisions.html": `{{ define "main" }}
<h1>Revision history</h1>
<table><thead><tr><th scope="col">Version</th><th scope="col">Date</th><th scope="col">Author</th><th scope="col">Summary</th></tr></thead>
<tbody>{{ range .Params.revisions }}<tr><td>{{ .version }}</td><td><time>{{ .date }}</time></td><td>{{ .author }}</td><td>{{ .summary }}</td></tr>{{ end }}</tbody></table>
{{ end }}`,

	"_default/audit.html": `{{ define "main" }}
<h1>Audit readiness</h1>
<ul>{{ range .Params.findings }}<li><strong>{{ .severity }}</strong> {{ .rule }}: {{ .message }}</li>{{ end }}</ul>
{{ end }}`,

	"index.searchindex.js": `// Search index, generated by Hugo.
window.ROLEPACK_INDEX = [{{ $first := true }}{{ range where site.RegularPages "Section" "roles" }}{{ if not $first }},{{ end }}{{ $first = false }}{"k":"Role","t":{{ .Title | jsonify }},"s":{{ .Params.category | jsonify }},"u":{{ .RelPermalink | jsonify }},"x":{{ .Params.search | jsonify }}}{{ end }}{{ range where site.RegularPages "Section" "people" }},{"k":"Person","t":{{ .Title | jsonify }},"s":{{ .Params.job | jsonify }},"u":{{ .RelPermalink | jsonify }},"x":{{ .Params.id | jsonify }}}{{ end }}{{ range site.Data.raci.rows }},{"k":"Activity","t":{{ .Name | jsonify }},"s":{{ .Process | jsonify }},"u":{{ printf "raci.html#%s" .ID | jsonify }},"x":{{ trim (printf "%s %s" .ID .Clause) " " | jsonify }}}{{ end }}{{ range where site.RegularPages "Section" "roles" }}{{ $p := . }}{{ range .Params.responsibilities }},{"k":"Responsibility","t":{{ . | jsonify }},"s":{{ $p.Title | jsonify }},"u":{{ $p.RelPermalink | jsonify }}}{{ end }}{{ end }}];
`,
}

func (s *site) layouts() {
	for name, text := range layouts {
		write(s.dir, "layouts/"+name, text)
	}
}
