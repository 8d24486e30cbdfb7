package app

import (
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"testing"

	"picmark/app/wire"
	"picmark/internal/brand"
	"picmark/internal/job"
	"picmark/internal/sheet"
)

// intake lists n files, then gives their heads in answers of 100 as
// heads.js does, in the order of order (answer numbers), calling
// photoList after each as the page does; every 7th file is not a photo.
func intake(s *session, n int, order []int, check func()) {
	paths := make([]string, n)
	for i := range paths {
		paths[i] = fmt.Sprintf("shoot/%05d.jpg", i)
	}
	s.list(0, paths)
	for _, a := range order {
		var answer []wire.Picked
		for i := a * 100; i < min(n, (a+1)*100); i++ {
			f := wire.Picked{Index: i, Path: paths[i], Size: 100, Head: jpegHead}
			if i%7 == 3 {
				f.Head = []byte("hello")
			}
			answer = append(answer, f)
		}
		s.add(answer)
		s.photoList()
		if check != nil {
			check()
		}
	}
}

func inOrder(answers int) []int {
	order := make([]int, answers)
	for i := range order {
		order[i] = i
	}
	return order
}

// photosFromScratch is the photo list made from every file.
func photosFromScratch(s *session) []fileEntry {
	var out []fileEntry
	for _, f := range s.files {
		if f.photo() {
			out = append(out, f)
		}
	}
	return out
}

// The photo list kept as answers come equals the one made from all the
// files, after each answer, in order or not, and after the files change
// otherwise (a focal point, files listed by their answer).
func TestPhotoListKeptAsAnswersCome(t *testing.T) {
	order := inOrder(30)
	order[4], order[9] = order[9], order[4] // an answer before its turn, and one after
	var s session
	var held [][]fileEntry // what the sections were given: never changed
	var copies [][]fileEntry
	check := func() {
		got, want := s.photoList(), photosFromScratch(&s)
		if !slices.EqualFunc(got, want, func(a, b fileEntry) bool { return reflect.DeepEqual(a, b) }) {
			t.Fatalf("after %d answers: the photo list (%d photos) differs from the one made from all the files (%d)", len(held), len(got), len(want))
		}
		held, copies = append(held, got), append(copies, slices.Clone(got))
	}
	intake(&s, 3000, order, check)
	photos := 3000 - 429 // 3, 10, …, 2997 are not photos
	if got := len(s.photoList()); got != photos {
		t.Fatalf("%d photos, want %d", got, photos)
	}
	for i := range held {
		if !slices.EqualFunc(held[i], copies[i], func(a, b fileEntry) bool { return a.Index == b.Index }) {
			t.Fatalf("the photo list published after answer %d changed in place", i)
		}
	}
	s.setFocal(0, nil)
	check()
	s.add([]wire.Picked{{Index: 3000, Path: "late.jpg", Size: 100, Head: jpegHead}}) // listed by its answer
	check()
	if s.photos() != photos+1 {
		t.Fatalf("photos() = %d", s.photos())
	}
}

// Taking an answer costs what it holds, not all the files: the bytes
// allocated per answer at 8,000 files are about those at 1,000 (made
// again from all the files, they grow 8 times).
func TestPhotoListAnswerCostIsFlat(t *testing.T) {
	perAnswer := func(n int) float64 {
		var s session
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		intake(&s, n, inOrder(n/100), nil)
		runtime.ReadMemStats(&after)
		return float64(after.TotalAlloc-before.TotalAlloc) / float64(n/100)
	}
	small, big := perAnswer(1000), perAnswer(8000)
	if big > 2*small {
		t.Fatalf("an answer allocates %.0f bytes at 8,000 files, %.0f at 1,000: its cost grows with all the files", big, small)
	}
}

// The story kept as answers come is the one made from all the photos:
// with a sheet it is made again as photos come (their paths hashed as
// they are appended), and again when the list is made anew; without a
// sheet (text layers, post templates) it does not depend on the photos,
// and no answer hashes them.
func TestStoryKeptAsAnswersCome(t *testing.T) {
	sh, err := sheet.ReadText("s.csv", []byte("Image,Produit\n00012.jpg,Douze\n00450.jpg,Quatre cent cinquante\n00999.jpg,Neuf cent\n"), sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	settings := job.Settings{Kit: &brand.File{Texts: []brand.TextFile{{Content: "{Produit}"}}}}
	var s session
	var sc storyCache
	matched := func(st *job.Story) int {
		n := 0
		for _, r := range st.Matches.Rows {
			if r >= 0 {
				n++
			}
		}
		return n
	}
	intake(&s, 600, inOrder(6), func() {
		photos := s.photoList()
		st, err := sc.of(sheetState{Sheet: sh, gen: 1, Match: "Image"}, settings, photos)
		want, _ := settings.Story(sh, photoPaths(photosFromScratch(&s)), "Image")
		if err != nil || st == nil || st.Matches == nil {
			t.Fatalf("with %d photos: story %v, %v", len(photos), st, err)
		}
		if len(st.Matches.Rows) != len(photos) || matched(st) != matched(want) {
			t.Fatalf("with %d photos the story matches %d of %d (%v), want %d", len(photos), matched(st), len(st.Matches.Rows), err, matched(want))
		}
	})
	// The list made anew, a photo's path changed: the story follows.
	files := slices.Clone(s.files)
	files[11].Path = "shoot/00999.jpg"
	s.setFiles(files)
	s.photosOf = -1
	st, _ := sc.of(sheetState{Sheet: sh, gen: 1, Match: "Image"}, settings, s.photoList())
	if want, _ := settings.Story(sh, photoPaths(s.photoList()), "Image"); matched(st) != 3 || matched(want) != 3 {
		t.Errorf("after a path changed the story matches %d photos, want 3 (%d made afresh)", matched(st), matched(want))
	}

	// Without a sheet an answer costs what it holds, not every path.
	perAnswer := func(n int) float64 {
		var s session
		var sc storyCache
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		intake(&s, n, inOrder(n/100), func() { sc.of(sheetState{}, settings, s.photoList()) })
		runtime.ReadMemStats(&after)
		return float64(after.TotalAlloc-before.TotalAlloc) / float64(n/100)
	}
	small, big := perAnswer(1000), perAnswer(8000)
	if big > 2*small {
		t.Fatalf("without a sheet an answer allocates %.0f bytes at 8,000 files, %.0f at 1,000: its cost grows with all the files", big, small)
	}
}
