//go:build race

package pdf_test

// raceDetector is set when the tests run with -race, which makes rendering
// and reading back thousands of PDFs ten times slower.
const raceDetector = true
