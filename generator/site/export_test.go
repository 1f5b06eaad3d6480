package site

// For the tests of package site_test.
var (
	WrapName    = wrapName
	RightToLeft = rtl
)

var LanguageNames = languageNames
