// Package templates holds the default templates and site assets that ship
// inside rolepack: the site's page templates, stylesheet, script and icon
// under site/, and the appointment and deputy letters under letters/.
//
// They live here, at the top of the repository, because they are the
// files a pack author reads and copies: a pack replaces any of them by
// placing a file with the same path under its own templates/ directory
// (content/templates/site/style.css replaces site/style.css). The outputs
// that use them (generator/site, generator/letters) and the loader, which
// rejects an override that replaces nothing, read them through Files.
package templates

import (
	"embed"
	"io/fs"
)

//go:embed site letters
var files embed.FS

// Files returns the default templates by their path under templates/,
// such as "site/role.html" or "letters/appointment.md".
func Files() fs.FS { return files }
