//go:build race

package xlsx_test

// raceDetector is set when the tests run with -race, which makes the large
// pack ten times slower and inflates what it allocates.
const raceDetector = true
