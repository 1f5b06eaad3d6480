package importxlsx

import "archive/zip"

// SheetPart is the archive entry of the sheet named, found as the import
// finds it.
func SheetPart(data []byte, sheet string) (string, error) {
	zr, err := newZip(data)
	if err != nil {
		return "", err
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[partName(f.Name)] = f
	}
	paths, err := sheetParts(parts, []string{sheet})
	return paths[sheet], err
}

// SetPartLimits lowers the limits on one XML part for a test, and returns
// the function that puts them back.
func SetPartLimits(bytes int64, elements int) (restore func()) {
	b, e := maxPartBytes, maxPartElements
	maxPartBytes, maxPartElements = bytes, elements
	return func() { maxPartBytes, maxPartElements = b, e }
}

// ParseLetters reads a RACI cell as the import does.
var ParseLetters = parseLetters
