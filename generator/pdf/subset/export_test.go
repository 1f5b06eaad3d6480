package subset

// IsCIDKeyed tells whether the source CFF was CID-keyed already.
func (f *Font) IsCIDKeyed() bool { return f.cff != nil && f.cff.fdSelect != nil }
