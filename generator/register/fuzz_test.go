package register

import (
	"bytes"
	"testing"
)

// FuzzRead: any CSV input is read or refused with problems, never a
// panic, and twice to the same bytes.
func FuzzRead(f *testing.F) {
	f.Add([]byte(registerCSV))
	f.Add([]byte(raciCSV))
	f.Add([]byte("Role,Holder,Deputy,Reports to\nA,x,y,B\nB,y,x,A\n"))
	f.Add([]byte("Activity;R1;R2\nHead;;\nX;a/r;c\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		o := Options{Name: "f.csv", Date: today}
		a, errA := Read(data, o)
		b, errB := Read(data, o)
		if (errA == nil) != (errB == nil) {
			t.Fatalf("two reads disagree: %v / %v", errA, errB)
		}
		if errA != nil {
			if errA.Error() != errB.Error() {
				t.Fatalf("two reads report differently:\n%v\n%v", errA, errB)
			}
			return
		}
		if len(a.Files) != len(b.Files) {
			t.Fatal("two reads write different files")
		}
		for i := range a.Files {
			if !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
				t.Fatalf("%s differs between two reads", a.Files[i].Path)
			}
		}
	})
}
