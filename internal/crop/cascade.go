package crop

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	pigo "github.com/esimov/pigo/core"
)

// cascade is pigo's face cascade (pixel-intensity comparison trees, as in
// Markuš et al., "Object Detection with Pixel Intensity Comparisons
// Organized in Decision Trees"), read from the same file as pigo reads it,
// and scanned as pigo.Pigo.RunCascade scans it: the same windows, scales
// and scores, bit for bit (TestCascadeAsPigo). It is scanned here rather
// than by pigo because every photo of a smart batch is, in wasm in the
// page (see scan); pigo still clusters the windows into faces.
type cascade struct {
	depth      int       // binary tests from a tree's root to a leaf
	codes      []int8    // per tree, 2^depth nodes of 4 codes (row, col, row, col; node 0 unused)
	preds      []float32 // per tree, 2^depth leaves
	thresholds []float32 // per tree: a window whose running sum falls to it is no face
	looped     bool      // tests: take the loop for any depth even at depth 6
}

// parseCascade reads pigo's cascade format: 8 bytes pigo skips, the
// trees' depth and number (uint32 little-endian), then each tree's codes
// (4 per internal node), leaf predictions and threshold (float32).
func parseCascade(data []byte) (*cascade, error) {
	if len(data) < 16 {
		return nil, errors.New("the cascade is cut short")
	}
	depth, trees := binary.LittleEndian.Uint32(data[8:]), binary.LittleEndian.Uint32(data[12:])
	if depth < 1 || depth > 12 || trees < 1 || trees > 1<<16 {
		return nil, fmt.Errorf("the cascade says %d trees of depth %d", trees, depth)
	}
	n := 1 << depth
	per := 4*(n-1) + 4*n + 4 // codes, predictions, threshold
	if len(data)-16 < int(trees)*per {
		return nil, errors.New("the cascade is cut short")
	}
	c := &cascade{depth: int(depth)}
	pos := 16
	for range trees {
		c.codes = append(c.codes, 0, 0, 0, 0) // the root's slot, as pigo lays them out
		for _, b := range data[pos : pos+4*(n-1)] {
			c.codes = append(c.codes, int8(b))
		}
		pos += 4 * (n - 1)
		for range n {
			c.preds = append(c.preds, math.Float32frombits(binary.LittleEndian.Uint32(data[pos:])))
			pos += 4
		}
		c.thresholds = append(c.thresholds, math.Float32frombits(binary.LittleEndian.Uint32(data[pos:])))
		pos += 4
	}
	return c, nil
}

// scan is pigo.Pigo.RunCascade with no rotation: every square window from
// minSize to maxSize (each size at least 2 larger than the last, or
// scaleFactor ×), shifted by shift × its size, over the W×H grey pixels;
// the windows scoring above 0 (pigo's classifyRegion: the sum of the
// trees' predictions, given up as soon as it falls to a tree's
// threshold), scale by scale, row by row.
//
// What makes it faster than pigo's (measured over the bench's 30 analysis
// copies: 285–325 → 185–235 ms of CPU in wasm in node, 208 → 142 ms
// natively): no call per window; a node's two pixels are offsets from the
// window's centre, worked out once per scale and tree (pigo multiplies
// and shifts four codes per node and window); the next node is chosen by
// arithmetic, not a branch (which mispredicts half the time on a photo);
// and the facefinder's trees, 6 deep, are walked unrolled (in wasm, Go
// turns each loop's turn into a jump through its function's dispatch).
func (c *cascade) scan(pix []uint8, W, H, minSize, maxSize int, shift, scaleFactor float64) []pigo.Detection {
	var dets []pigo.Detection
	n := 1 << c.depth
	last := c.thresholds[len(c.thresholds)-1]
	unrolled := c.depth == 6 && !c.looped
	// ((256·row + code·scale) >> 8) is row + (code·scale >> 8) exactly
	// (an arithmetic shift floors), so pigo's pixel index per node is the
	// window centre's plus an offset fixed for the scale. Filled tree by
	// tree as the windows first reach them: most fail at the first.
	off := make([]int, len(c.thresholds)*2*n)
	for scale := minSize; scale <= maxSize; {
		ready := 0
		step := int(math.Max(shift*float64(scale), 1))
		margin := scale/2 + 1
		for row := margin; row <= H-margin; row += step {
			for col := margin; col <= W-margin; col += step {
				at := row*W + col
				var out float32
				i := 0
				for ; i < len(c.thresholds); i++ {
					if i == ready {
						c.offsets(off, i, W, scale)
						ready++
					}
					// Node idx's pair is o[2·idx], o[2·idx+1]; its children
					// are 2·idx and 2·idx+1, the second when the first pixel
					// is not the brighter: 1 + (d >> 63) is 1 for d ≥ 0.
					o := off[i*2*n:]
					idx := 1
					if unrolled {
						// Indices masked to o's 128 (they are below it
						// anyway): fewer bounds checks, measured.
						o = o[:128]
						idx = 3 + (int(pix[at+o[3]])-int(pix[at+o[2]]))>>63
						idx = 2*idx + 1 + (int(pix[at+o[(2*idx+1)&127]])-int(pix[at+o[(2*idx)&127]]))>>63
						idx = 2*idx + 1 + (int(pix[at+o[(2*idx+1)&127]])-int(pix[at+o[(2*idx)&127]]))>>63
						idx = 2*idx + 1 + (int(pix[at+o[(2*idx+1)&127]])-int(pix[at+o[(2*idx)&127]]))>>63
						idx = 2*idx + 1 + (int(pix[at+o[(2*idx+1)&127]])-int(pix[at+o[(2*idx)&127]]))>>63
						idx = 2*idx + 1 + (int(pix[at+o[(2*idx+1)&127]])-int(pix[at+o[(2*idx)&127]]))>>63
					} else {
						for range c.depth {
							idx = 2*idx + 1 + (int(pix[at+o[2*idx+1]])-int(pix[at+o[2*idx]]))>>63
						}
					}
					if out += c.preds[n*i+idx-n]; out <= c.thresholds[i] {
						break
					}
				}
				if i == len(c.thresholds) && out-last > 0 {
					dets = append(dets, pigo.Detection{Row: row, Col: col, Scale: scale, Q: out - last})
				}
			}
		}
		scale = int(float64(scale) + math.Max(2, float64(scale)*scaleFactor-float64(scale)))
	}
	return dets
}

// offsets fills tree i's node offsets at scale into off: node k's pair at
// off[i·2n + 2k] and off[i·2n + 2k + 1] (n = 2^depth).
func (c *cascade) offsets(off []int, i, W, scale int) {
	n := 1 << c.depth
	codes, o := c.codes[i*4*n:(i+1)*4*n], off[i*2*n:(i+1)*2*n]
	for k := 1; k < n; k++ {
		o[2*k] = (int(codes[4*k])*scale>>8)*W + int(codes[4*k+1])*scale>>8
		o[2*k+1] = (int(codes[4*k+2])*scale>>8)*W + int(codes[4*k+3])*scale>>8
	}
}
