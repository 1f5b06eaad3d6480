package subset

// NumGlyphs is the glyph count of the parsed font, for tests choosing ids.
func (f *Font) NumGlyphs() int { return f.numGlyphs }

// IsCIDKeyed tells whether the source CFF was CID-keyed already.
func (f *Font) IsCIDKeyed() bool { return f.cff != nil && f.cff.fdSelect != nil }
