//go:build race

package model

// raceDetector is set when the tests run with -race, which makes parsing
// large sources many times slower; make test runs those tests without it.
const raceDetector = true
