package brand_test

import (
	"fmt"
	"image"
	"os"

	"picmark/internal/brand"
	"picmark/internal/msg"
)

// A brand kit file is read, turned into a Kit, and placed on each of its
// presets: the page previews these rectangles, the renderer draws them.
func ExampleParseFile() {
	data, err := os.ReadFile("testdata/kit.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	f, err := brand.ParseFile(data)
	if err != nil {
		fmt.Println("kit.json", err) // the caller names the file
		return
	}
	kit, err := f.Kit()
	if err != nil {
		fmt.Println("kit.json", err)
		return
	}
	presets, err := f.PresetList()
	if err != nil {
		fmt.Println("kit.json", err)
		return
	}
	for _, p := range presets {
		fmt.Println(p.ID, p.Size(msg.English))
		canvas := image.Rect(0, 0, p.Width, p.Height)
		for _, lr := range kit.Rects(canvas, p.Safe) {
			fmt.Println(" ", lr.Layer, lr.Rect)
		}
		dst := image.NewRGBA(canvas)
		kit.Draw(dst, p.Safe) // the renderer does this on each output
	}
	// Output:
	// instagram-story 1080×1920
	//   tile (0,250)-(1080,1580)
	//   logo (886,282)-(1048,444)
	//   text 1 (32,1434)-(808,1548)
	//   text 2 (22,272)-(282,326)
	// pinterest-pin 1000×1500
	//   tile (0,0)-(1000,1500)
	//   logo (820,30)-(970,180)
	//   text 1 (30,1364)-(752,1470)
	//   text 2 (20,20)-(260,70)
	// acme-shop-banner 1200×400
	//   tile (100,0)-(1100,400)
	//   logo (884,36)-(1064,216)
	//   text 1 (136,321)-(427,364)
	//   text 2 (124,24)-(222,46)
}

// An SVG logo is refused on the command line with a plain sentence; the
// caller puts the file name in front.
func ExampleDecodeLogo() {
	_, err := brand.DecodeLogo([]byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`))
	fmt.Println("logo.svg", err)
	// Output: logo.svg is an SVG, which the command line cannot draw: export the logo as a PNG
}
