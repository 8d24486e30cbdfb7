// Package job is one batch's settings as a single JSON value — what the page
// sends to its workers and what the command line builds from its flags and
// brand kit — and how they become the engine's render.Spec and output names.
// Both sides go through Plan, so a batch made in the browser and the same
// batch made by `picmark process` follow the same rules and refuse the same
// mistakes with the same words. A sheet beside the photos goes through
// Story the same way: each photo's row, its text layers' words (Caption,
// which Plan.Photo draws), its {col:…} values and its posts.
package job

import (
	"cmp"
	"encoding/json"
	"fmt"

	"picmark/internal/batch"
	"picmark/internal/brand"
	"picmark/internal/crop"
	"picmark/internal/imgio"
	"picmark/internal/msg"
	"picmark/internal/render"
)

// DefaultCrop is the framing when none is chosen: smart framing keeps a
// photo's subject (faces, detail, colour) where a centre crop cut a water
// splash in half. The page, the command line and `make bench` start from it.
const DefaultCrop = "smart"

// Settings are a batch's choices. The zero value makes the default formats,
// framed by DefaultCrop, filled, as JPEG at quality 85, named
// {preset}/{dir}/{name}.
type Settings struct {
	Kit     *brand.File `json:"kit,omitempty"`     // layers, chosen formats, custom formats
	Crop    string      `json:"crop,omitempty"`    // center, smart, focal or an anchor (crop.Parse); default DefaultCrop
	Focal   *crop.Point `json:"focal,omitempty"`   // the batch's point when Crop is focal; default the centre
	Fit     string      `json:"fit,omitempty"`     // fill, pad or blur
	Pad     string      `json:"pad,omitempty"`     // #RRGGBB behind a padded photo; default white
	Format  string      `json:"format,omitempty"`  // jpeg or png
	Quality int         `json:"quality,omitempty"` // JPEG quality 1..100; 0 means 85
	Name    string      `json:"name,omitempty"`    // output naming template; default {preset}/{dir}/{name}
}

// Parse reads settings sent as JSON.
func Parse(data []byte) (Settings, error) {
	var s Settings
	if err := json.Unmarshal(data, &s); err != nil {
		return s, fmt.Errorf("the settings could not be read: %w", err)
	}
	return s, nil
}

// Plan is settings checked and made ready: the engine's Spec (the brand
// kit's logo and fonts decoded once) and the namer.
type Plan struct {
	Spec  render.Spec
	Namer *batch.Namer
}

// Check checks every setting without decoding anything (no logo, no font):
// cheap enough for the page's UI thread. Errors name the setting and say
// what to do.
func (s Settings) Check() error {
	_, err := s.prepare()
	return err
}

// Plan checks every setting and prepares the batch, decoding the brand
// kit's logo and fonts once.
func (s Settings) Plan() (*Plan, error) {
	p, err := s.prepare()
	if err != nil {
		return nil, err
	}
	if p.Spec.Brand, err = s.kit().Kit(); err != nil {
		return nil, err
	}
	return p, nil
}

func (s Settings) kit() *brand.File {
	if s.Kit == nil {
		return &brand.File{Version: brand.FileVersion}
	}
	return s.Kit
}

// prepare is Plan without the brand kit's pixels.
func (s Settings) prepare() (*Plan, error) {
	kit := s.kit()
	if err := kit.Check(); err != nil {
		return nil, err
	}
	presets, err := kit.PresetList()
	if err != nil {
		return nil, err
	}
	if len(presets) == 0 {
		return nil, msg.Err(msg.NoFormat)
	}
	strategy, err := crop.Parse(cmp.Or(s.Crop, DefaultCrop))
	if err != nil {
		return nil, err
	}
	if strategy.Kind == crop.Focal && s.Focal != nil {
		strategy.Focal = *s.Focal
	}
	fit, err := render.ParseFit(s.Fit)
	if err != nil {
		return nil, err
	}
	spec := render.Spec{Presets: presets, Crop: strategy, Fit: fit, Limits: imgio.DefaultLimits}
	if s.Pad != "" {
		if spec.Pad, err = brand.ParseColor(s.Pad); err != nil {
			return nil, msg.Within(err, msg.PadColour)
		}
	}
	if spec.Output, err = output(s.Format, s.Quality); err != nil {
		return nil, err
	}
	namer, err := batch.NewNamer(s.Name)
	if err != nil {
		return nil, err
	}
	if _, _, _, _, err := templates(kit); err != nil {
		return nil, err
	}
	return &Plan{Spec: spec, Namer: namer}, nil
}

func output(format string, quality int) (imgio.Output, error) {
	f, err := imgio.ParseFormat(format)
	if err != nil {
		return imgio.Output{}, err
	}
	o := imgio.Output{Format: f, Quality: quality}
	if err := o.Validate(); err != nil {
		return o, err
	}
	return o, nil
}

// Photo is the Spec for one photo: a focal point set on that photo overrides
// the batch's strategy for every format, and caps (Story.Captions, or the
// user's own words for this photo) are its text layers' words, in the
// kit's order; nil keeps the kit's texts as they are.
func (p *Plan) Photo(focal *crop.Point, caps []Caption) render.Spec {
	spec := p.Spec
	if focal != nil {
		spec.Crop = crop.Strategy{Kind: crop.Focal, Focal: *focal}
	}
	if k := spec.Brand; k != nil && caps != nil && len(k.Texts) > 0 {
		c := *k
		c.Texts = make([]*brand.Text, len(k.Texts))
		for i, t := range k.Texts {
			if t == nil || i >= len(caps) {
				c.Texts[i] = t
				continue
			}
			tt := *t
			tt.Content, tt.Omitted = caps[i].Text, msg.Message{}
			if caps[i].Note != nil {
				tt.Omitted = *caps[i].Note
			}
			c.Texts[i] = &tt
		}
		spec.Brand = &c
	}
	return spec
}
