//go:build !race

package pdf_test

const raceDetector = false
