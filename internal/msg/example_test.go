package msg_test

import (
	"fmt"

	"picmark/internal/msg"
)

// A note the engine returns, said where the user is.
func Example() {
	note := msg.New(msg.FacesCut, msg.Count("n", 1))
	fmt.Println(note.Code)
	fmt.Println(note.Say(msg.English))
	fmt.Println(note.Say(msg.French))
	over := msg.New(msg.OverCapJPEG, msg.Bytes("size", 6<<20+200<<10), msg.Bytes("maxSize", 5<<20))
	fmt.Printf("%q\n", over.Say(msg.French))
	// Output:
	// faces-cut
	// 1 face could not be kept whole in this format
	// 1 visage n’a pas pu être gardé entier dans ce format
	// "pèse encore 6,2\u00a0Mo à la qualité JPEG la plus basse, au-delà de la limite de 5\u00a0Mo de ce format\u00a0: choisissez une photo moins détaillée ou un autre format"
}
