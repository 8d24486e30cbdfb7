package app

import (
	"slices"
	"sort"
	"time"

	"picmark/app/wire"
	"picmark/internal/batch"
	"picmark/internal/crop"
	"picmark/internal/imgio"
	"picmark/internal/job"
	"picmark/internal/msg"
	"picmark/internal/preset"
)

// session is the page's batch bookkeeping, free of any browser call so it is
// tested natively: which files came in, which are photos, what each job
// became, and the ZIP's layout at the end. Every input ends as outputs or as
// report rows.
type session struct {
	files  []fileEntry // changed through setFiles, which gives them a new gen
	gen    int         // fileView's Gen of files
	at     []int       // by a file's index (the page's handle): its place in files + 1; -1: left out; 0: not listed
	unread int         // files listed whose first bytes are not read yet (Checking)

	// The batch: every photo job, by id, and what became of each.
	presets []preset.Preset
	jobs    map[int]wire.Job
	results map[int]jobResult
	skipped []batch.Row // the files that are not photos
	leftOut int         // system files received and left out (batch.SystemFile)

	// The current run (the whole batch, or a retry of its failures).
	pending  map[int]bool // not answered yet
	running  map[int]bool // in a worker now
	total    int
	startAt  time.Time
	finished bool
	planning bool // the page is making the jobs (startPausing) and handing them over: nothing is done yet

	// The batch's sheet put to work (nil: none): posts.csv and the
	// report's notes on what the sheet and the photos did not share.
	story *job.Story

	// Made by finish: what the report and the ZIP show.
	rows    []batch.Row
	outputs []wire.Output
	made    madeReports // its report files, once made
	summary *reportSum  // the report's summary under no filter

	// The report of what is answered so far, for a batch saved into a
	// folder, which writes it as it goes (keepReportSoFar): each answer put
	// in as it comes. nil for a batch into a ZIP.
	soFar *batch.SoFar

	arrived batch.Unique // the names given to outputs written as they come (sessionfolder.go)

	// photoList: the photos of the files of gen photosOf (-1: made again
	// when next asked). Files told apart after its last photo are
	// appended to it (keepPhotos), so taking heads.js's answers costs what
	// they hold, not the 10,000 files listed.
	photoCache []fileEntry
	photosOf   int
	posts      []batch.ReportFile // posts.csv; none when the batch writes none
}

// storyRun is what a batch takes from its sheet: the story, and each
// photo's words and {col:…} values (photo: its index among the photos).
type storyRun struct {
	story *job.Story
	words func(photo int, f fileEntry) []job.Caption
	cols  func(photo int) []string
}

// jobResult is one photo's rows and outputs.
type jobResult struct {
	rows    []batch.Row
	outputs []wire.Output
	// retry: the photo failed for a reason that may not come back (its
	// worker stopped, the batch was cancelled); a damaged file or a cap
	// that cannot be met would fail the same way again.
	retry bool
}

// fileEntry is one received file as the page lists it.
type fileEntry struct {
	wire.Picked
	// Checking: listed, its first bytes not read yet: neither a photo nor
	// skipped so far.
	Checking bool
	Skip     msg.Message // why it will not be processed; zero for photos and files being checked
	Focal    *crop.Point // set on this photo: overrides the batch's crop for every format
	// Words are the user's own words for this photo's text layers, by the
	// kit's text index, over the sheet's; "" keeps the sheet's.
	Words []string
}

// fileView is the received files as the page's sections render them.
// go-app compares a section's fields with reflect.DeepEqual at every
// render, and 10,000 entries compared one by one cost ~10 ms each time; Gen
// changes whenever the files do, so the comparison ends at it.
type fileView struct {
	Gen   int
	Files []fileEntry
}

// fileGens numbers every fileView, across sessions (a cleared page starts a
// new session).
var fileGens int

// setFiles replaces the files.
func (s *session) setFiles(files []fileEntry) {
	fileGens++
	s.files, s.gen = files, fileGens
}

// view is the files for a section to render.
func (s *session) view() fileView { return fileView{Gen: s.gen, Files: s.files} }

// photo says whether the file will be processed.
func (f fileEntry) photo() bool { return !f.Checking && f.Skip.IsZero() }

// list takes files named before they are read, the page's handles first,
// first+1, …: each is listed as Checking until add describes it. System
// files are left out at once. An empty path is not listed (a sheet).
func (s *session) list(first int, paths []string) {
	if n := first + len(paths); n > len(s.at) {
		s.at = append(s.at, make([]int, n-len(s.at))...)
	}
	files := slices.Grow(s.files, len(paths))
	for i, p := range paths {
		switch {
		case p == "":
		case batch.SystemFile(p):
			s.leftOut++
			s.at[first+i] = -1
		default:
			files = append(files, fileEntry{Picked: wire.Picked{Index: first + i, Path: p}, Checking: true})
			s.at[first+i] = len(files)
			s.unread++
		}
	}
	s.keepPhotos(files, nil) // files listed are being read: none is a photo yet
}

// place is where the file of a page's index is in files: -1 left out,
// 0 not listed, else its place + 1.
func (s *session) place(index int) int {
	if index < 0 || index >= len(s.at) {
		return 0
	}
	return s.at[index]
}

// add classifies received files by their first bytes: files listed
// already are told apart where they are, others are listed now.
func (s *session) add(list []wire.Picked) {
	for _, f := range list {
		if s.place(f.Index) == 0 {
			s.list(f.Index, []string{f.Path})
		}
	}
	// Told apart in place, not in a copy of 10,000 entries per answer: the
	// sections compare fileView.Gen, and the new photos join photoList.
	changed, told := false, []int(nil) // told: the places of the new photos
	for _, f := range list {
		at := s.place(f.Index) - 1
		if at < 0 || !s.files[at].Checking {
			continue // left out, or told apart already
		}
		changed = true
		e := &s.files[at]
		e.Size, e.Error, e.Checking = f.Size, f.Error, false // the head is read here only: not kept for 10,000 files
		s.unread--
		switch {
		case f.Error != "":
			e.Skip = msg.New(msg.BrowserRead, msg.Text("reason", f.Error))
		case f.Size == 0:
			e.Skip = msg.New(msg.EmptyFile)
		default:
			if _, err := imgio.Sniff(f.Head); err != nil {
				e.Skip = msg.Of(err)
			}
		}
		if e.photo() {
			told = append(told, at)
		}
	}
	if changed {
		s.keepPhotos(s.files, told)
	}
}

// keepPhotos sets the files (a new gen) where the files at the places
// told have become photos and no other file changed, keeping the photo
// list: they are appended to it when they come after its last photo (the
// list's readers hold a shorter slice, so they see no change: state.go),
// else it is made again when next asked.
func (s *session) keepPhotos(files []fileEntry, told []int) {
	kept := s.photosOf == s.gen
	s.setFiles(files)
	if !kept {
		return
	}
	slices.Sort(told)
	if n := len(s.photoCache); len(told) > 0 && n > 0 && told[0] < s.place(s.photoCache[n-1].Index)-1 {
		s.photosOf = -1 // a photo told apart before the last one listed: rare (heads.js answers in order)
		return
	}
	for _, at := range told {
		s.photoCache = append(s.photoCache, s.files[at])
	}
	s.photosOf = s.gen
}

// setFocal sets a photo's focal point, or removes it with nil, in a new
// list (a new gen: the sections render again).
func (s *session) setFocal(index int, pt *crop.Point) {
	files := slices.Clone(s.files)
	for i := range files {
		if files[i].Index == index {
			files[i].Focal = pt
		}
	}
	s.setFiles(files)
}

// setWords sets a photo's own words for text layer k ("" gives it back
// the sheet's), replacing the list as setFocal does.
func (s *session) setWords(index, k int, text string) {
	files := slices.Clone(s.files)
	for i := range files {
		if files[i].Index == index {
			w := slices.Clone(files[i].Words)
			for len(w) <= k {
				w = append(w, "")
			}
			w[k] = text
			files[i].Words = w
		}
	}
	s.setFiles(files)
}

// photos counts the files that will be processed.
func (s *session) photos() int { return len(s.photoList()) }

// photoList is the files that will be processed, in the list's order. The
// page asks for it at every render: it is made again only when the files
// changed otherwise than by photos told apart at its end (keepPhotos), not
// for every update of a batch of 10,000. Read it only, never append to it.
func (s *session) photoList() []fileEntry {
	if s.photosOf == s.gen {
		return s.photoCache
	}
	out := make([]fileEntry, 0, len(s.files))
	for _, f := range s.files {
		if f.photo() {
			out = append(out, f)
		}
	}
	s.photoCache, s.photosOf = out, s.gen
	return out
}

// start plans a batch: one job per photo and, at once, the report rows of the
// files that will not be processed.
func (s *session) start(presets []preset.Preset, now time.Time) []wire.Job {
	return s.startWith(presets, now, storyRun{})
}

// startWith is start with a sheet: each photo's job carries its words and
// {col:…} values, and the rows that named no photo are in the report.
func (s *session) startWith(presets []preset.Preset, now time.Time, st storyRun) []wire.Job {
	return s.startPausing(presets, now, st, func() {})
}

// startPausing is startWith calling pause between lots of its work (the
// page gives its thread back there: 10,000 photos took ~0.5 s in one
// task).
func (s *session) startPausing(presets []preset.Preset, now time.Time, st storyRun, pause func()) []wire.Job {
	s.presets, s.story = presets, st.story
	s.jobs = map[int]wire.Job{}
	s.results = map[int]jobResult{}
	s.skipped = nil
	s.arrived = batch.Unique{}

	var photos []fileEntry
	for _, f := range s.files {
		if !f.Skip.IsZero() {
			s.skipped = append(s.skipped, batch.FailedRows(f.Path, presets, f.Skip)...)
			continue
		}
		photos = append(photos, f)
	}
	s.skipped = append(s.skipped, st.story.Unmatched()...)
	if s.leftOut > 0 {
		s.skipped = append(s.skipped, batch.LeftOut(s.leftOut))
	}
	s.soFar = nil
	paths := make([]string, len(photos))
	for i, f := range photos {
		paths[i] = f.Path
	}
	pause()
	stems := batch.StemsPausing(paths, pause)
	jobs := make([]wire.Job, len(photos))
	for i, f := range photos {
		if i > 0 && i%batch.PauseEvery == 0 {
			pause()
		}
		jobs[i] = wire.Job{ID: i, File: f.Index, Input: f.Path, Stem: stems[i], Focal: f.Focal}
		if st.words != nil {
			jobs[i].Captions = st.words(i, f)
		}
		if st.cols != nil {
			jobs[i].Cols = st.cols(i)
		}
		s.jobs[i] = jobs[i]
	}
	pause()
	s.run(jobs, now)
	return jobs
}

func (s *session) run(jobs []wire.Job, now time.Time) {
	s.pending, s.running = map[int]bool{}, map[int]bool{}
	for _, j := range jobs {
		s.pending[j.ID] = true
	}
	s.total, s.startAt, s.finished = len(jobs), now, false
}

// failedJobs are the photos Retry makes again: those whose failure may not
// come back (see jobResult.retry).
func (s *session) failedJobs() []wire.Job {
	var out []wire.Job
	for id, r := range s.results {
		if r.retry {
			out = append(out, s.jobs[id])
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	return out
}

// retry forgets the failed photos' results and runs them again; the
// outputs of the others stay. It returns the glue keys of the outputs the
// retry replaces (a photo can have failed in one format only).
func (s *session) retry(now time.Time) (jobs []wire.Job, forget []string) {
	jobs = s.failedJobs()
	for _, j := range jobs {
		for _, o := range s.results[j.ID].outputs {
			forget = append(forget, o.Key)
		}
		delete(s.results, j.ID)
		if s.soFar != nil {
			s.soFar.Put(j.ID, nil)
		}
	}
	s.run(jobs, now)
	return jobs, forget
}

// started records that a worker took a job.
func (s *session) started(id int) {
	if s.pending[id] {
		s.running[id] = true
	}
}

// result records a worker's answer for one job.
func (s *session) result(r wire.Result) {
	if !s.pending[r.ID] {
		return
	}
	j := s.jobs[r.ID]
	s.answered(r.ID)
	if len(r.Rows) == 0 {
		problem := msg.New(msg.BadAnswer)
		if r.Error != nil {
			problem = *r.Error
		}
		s.keep(r.ID, jobResult{rows: batch.FailedRows(j.Input, s.presets, problem), retry: true})
		return
	}
	s.keep(r.ID, jobResult{rows: r.Rows, outputs: r.Files})
}

// keep records what became of job id, in the report so far too.
func (s *session) keep(id int, r jobResult) {
	s.results[id] = r
	if s.soFar != nil {
		s.soFar.Put(id, r.rows)
	}
}

// died records a job whose worker stopped, or that a cancel stopped; the
// batch goes on without it.
func (s *session) died(id int, why wire.Stop) {
	if !s.pending[id] {
		return
	}
	j := s.jobs[id]
	s.answered(id)
	reason := msg.New(msg.Cancelled)
	if why != wire.StopCancelled {
		reason = msg.New(msg.WorkerStopped, stopWord(why))
	}
	s.keep(id, jobResult{rows: batch.FailedRows(j.Input, s.presets, reason), retry: true})
}

// stopWord says why a worker stopped, inside a message.
func stopWord(why wire.Stop) msg.Arg {
	c, ok := map[wire.Stop]msg.Code{
		wire.StopCancelled:   msg.StopCancelled,
		wire.StopTimeout:     msg.StopTimeout,
		wire.StopCrashed:     msg.StopCrashed,
		wire.StopCannotStart: msg.StopCannotStart,
	}[why]
	if !ok {
		c = msg.StopCrashed
	}
	return msg.Word("why", c)
}

func (s *session) answered(id int) {
	delete(s.pending, id)
	delete(s.running, id)
}

// done counts the photos of this run finished, well or not.
func (s *session) done() int {
	if s.planning {
		return 0
	}
	return s.total - len(s.pending)
}

// current lists the photos in the workers now, in input order.
func (s *session) current() []string {
	var out []string
	for id := range s.running {
		out = append(out, s.jobs[id].Input)
	}
	sort.Strings(out)
	return out
}

// left estimates the time the run still needs from its pace so far; zero
// until a photo is done.
func (s *session) left(now time.Time) time.Duration {
	done := s.done()
	if done == 0 || done >= s.total {
		return 0
	}
	per := now.Sub(s.startAt) / time.Duration(done)
	return per * time.Duration(s.total-done)
}
