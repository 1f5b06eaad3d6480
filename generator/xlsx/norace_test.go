//go:build !race

package xlsx_test

const raceDetector = false
