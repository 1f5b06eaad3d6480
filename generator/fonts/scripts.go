package fonts

import (
	"slices"
	"strings"
	"unicode"
)

// Symbols is how a character that no script's font has is named: an
// emoji, a pictograph, a symbol of Unicode's Common script. No free face
// the PDF can embed covers the emoji.
const Symbols = "emoji / symbols"

// CJKSymbols names the punctuation and signs of the CJK blocks (the
// ideographic full stop, the middle dot and long vowel mark of Japanese
// names, full-width forms), which belong to no one script but come with
// the CJK fonts.
const CJKSymbols = "CJK symbols"

// Suggestion is a free font family that covers a script, and the Debian
// package that installs it.
type Suggestion struct {
	Family  string
	Package string
}

// scriptFonts names, for the scripts whose free font is not simply "Noto
// Sans <script>" of fonts-noto-core, the family to add. docs/format.md
// shows this table.
var scriptFonts = map[string]Suggestion{
	"Han":        {"Noto Sans CJK JP", "fonts-noto-cjk"},
	"Hiragana":   {"Noto Sans CJK JP", "fonts-noto-cjk"},
	"Katakana":   {"Noto Sans CJK JP", "fonts-noto-cjk"},
	"Bopomofo":   {"Noto Sans CJK TC", "fonts-noto-cjk"},
	"Hangul":     {"Noto Sans CJK KR", "fonts-noto-cjk"},
	CJKSymbols:   {"Noto Sans CJK JP", "fonts-noto-cjk"},
	"Tibetan":    {"Noto Serif Tibetan", "fonts-noto-core"},
	"Tangut":     {"Noto Serif Tangut", "fonts-noto-core"},
	"Ahom":       {"Noto Serif Ahom", "fonts-noto-core"},
	"Dogra":      {"Noto Serif Dogra", "fonts-noto-core"},
	"Yezidi":     {"Noto Serif Yezidi", "fonts-noto-core"},
	"Nushu":      {"Noto Sans Nushu", "fonts-noto-core"},
	"Latin":      {"Noto Sans", "fonts-noto-core"},
	"Greek":      {"Noto Sans", "fonts-noto-core"},
	"Cyrillic":   {"Noto Sans", "fonts-noto-core"},
	"Braille":    {"Noto Sans Symbols 2", "fonts-noto-core"},
	"Mongolian":  {"Noto Sans Mongolian", "fonts-noto-core"},
	"Ethiopic":   {"Noto Sans Ethiopic", "fonts-noto-core"},
	"Georgian":   {"Noto Sans Georgian", "fonts-noto-core"},
	"Armenian":   {"Noto Sans Armenian", "fonts-noto-core"},
	"Hebrew":     {"Noto Sans Hebrew", "fonts-noto-core"},
	"Arabic":     {"Noto Sans Arabic", "fonts-noto-core"},
	"Devanagari": {"Noto Sans Devanagari", "fonts-noto-core"},
}

// Recommended lists the families the table above recommends, sorted: a
// mistyped family is compared with them first ("Noto Sans CJK" means
// "Noto Sans CJK JP" rather than the alphabetically first CJK family).
func Recommended() []string {
	var out []string
	for _, s := range scriptFonts {
		out = append(out, s.Family)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ForScript is the family to add for characters of script (a name of
// unicode.Scripts, or CJKSymbols), and its Debian package; ok is false for
// Symbols.
func ForScript(script string) (s Suggestion, ok bool) {
	if s, ok := scriptFonts[script]; ok {
		return s, true
	}
	if _, known := unicode.Scripts[script]; !known || script == "Common" || script == "Inherited" {
		return Suggestion{}, false
	}
	return Suggestion{"Noto Sans " + strings.ReplaceAll(script, "_", " "), "fonts-noto-core"}, true
}

// ScriptOf names the script of r as Unicode's script tables do ("Han",
// "Arabic"), except that the characters shared by every script are
// CJKSymbols in the CJK blocks and Symbols elsewhere.
func ScriptOf(r rune) string {
	for name, table := range unicode.Scripts {
		if name == "Common" || name == "Inherited" || !unicode.Is(table, r) {
			continue
		}
		return name
	}
	if cjkBlock(r) {
		return CJKSymbols
	}
	return Symbols
}

// cjkBlock reports the CJK punctuation, symbol, compatibility and
// full-width blocks.
func cjkBlock(r rune) bool {
	return r >= 0x3000 && r <= 0x30ff || r >= 0x3200 && r <= 0x33ff || r >= 0xfe30 && r <= 0xfe4f ||
		r >= 0xff00 && r <= 0xffef
}

// DebianPackage names the Debian package that installs family, or "" when
// it is not a Noto family.
func DebianPackage(family string) string {
	lower := strings.ToLower(family)
	switch {
	case strings.HasPrefix(lower, "noto sans cjk"), strings.HasPrefix(lower, "noto serif cjk"):
		return "fonts-noto-cjk"
	case strings.Contains(lower, "emoji"):
		return "fonts-noto-color-emoji"
	case strings.HasPrefix(lower, "noto "):
		return "fonts-noto-core"
	}
	return ""
}
