package batch_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"

	"picmark/internal/batch"
	"picmark/internal/brand"
	"picmark/internal/imgio"
	"picmark/internal/msg"
	"picmark/internal/preset"
	"picmark/internal/render"
)

// Example shows one batch end to end: name the outputs, render each input
// once for every preset, and report every input × preset.
func Example() {
	photo := image.NewRGBA(image.Rect(0, 0, 800, 600))
	for i := range photo.Pix {
		photo.Pix[i] = uint8(i)
	}
	var b bytes.Buffer
	_ = png.Encode(&b, photo)
	logo := image.NewNRGBA(image.Rect(0, 0, 20, 10))
	logo.SetNRGBA(0, 0, color.NRGBA{255, 0, 0, 255})

	inputs := map[string][]byte{"shoot/a.png": b.Bytes(), "shoot/notes.txt": []byte("hello")}
	paths := []string{"shoot/a.png", "shoot/notes.txt"}
	presets, _ := preset.Parse("pinterest-pin,tumblr-post")
	stems := batch.Stems(paths)

	var rows []batch.Row
	for i, p := range paths {
		outs, err := render.Photo(inputs[p], render.Spec{Presets: presets, Brand: &brand.Kit{Logo: brand.DefaultLogo(logo)}})
		rows = append(rows, batch.Rows(p, stems[i], presets, outs, err)...)
		// the caller writes each outs[k].Data to batch.OutputName(...)
	}
	for _, r := range rows {
		fmt.Printf("%s %s %q %d×%d %s %q\n", r.Input, r.Preset, r.Output, r.Width, r.Height, r.Status, r.Say(msg.English))
	}
	// Output:
	// shoot/a.png pinterest-pin "pinterest-pin/shoot/a.jpg" 1000×1500 done "upscaled from 400×600 crop"
	// shoot/a.png tumblr-post "tumblr-post/shoot/a.jpg" 800×600 done ""
	// shoot/notes.txt pinterest-pin "" 0×0 failed "is not an image picmark can read (JPEG, PNG, GIF, WebP, HEIC, AVIF, TIFF or BMP)"
	// shoot/notes.txt tumblr-post "" 0×0 failed "is not an image picmark can read (JPEG, PNG, GIF, WebP, HEIC, AVIF, TIFF or BMP)"
}

// ExampleNamer names outputs with a template; Unique keeps them distinct
// where they are gathered.
func ExampleNamer() {
	n, err := batch.NewNamer("{preset}/{dir}/{name}-{w}x{h}")
	if err != nil {
		fmt.Println(err)
		return
	}
	var u batch.Unique
	fmt.Println(u.Name(n.Name("instagram-story", "shoot/a", 1, 1080, 1920, imgio.JPEG)))
	fmt.Println(u.Name(n.Name("instagram-story", "a", 2, 1080, 1920, imgio.PNG)))
	fmt.Println(u.Name(n.Name("instagram-story", "a", 3, 1080, 1920, imgio.PNG)))
	_, err = batch.NewNamer("{preset}/{w}x{h}")
	fmt.Println(err)
	// Output:
	// instagram-story/shoot/a-1080x1920.jpg
	// instagram-story/a-1080x1920.png
	// instagram-story/a-1080x1920 (2).png
	// the naming template: it needs {name}, {index} or {col:Column}, or every photo would get the same file name
}
