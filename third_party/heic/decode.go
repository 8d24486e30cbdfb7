package heic

import (
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"fmt"
	"image"
	"io"
	"sync"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
)

//go:embed lib/heif.wasm.gz
var heifWasm []byte

// decode runs lib/heif.c's picmark_decode in a new instance of the module:
// once for the size, then, unless configOnly, into a buffer of exactly
// 4·width·height bytes that the C side fills row by row (it checks that
// size before it writes).
func decode(r io.Reader, configOnly bool) (image.Image, image.Config, error) {
	var cfg image.Config
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, cfg, fmt.Errorf("heic: read: %w", err)
	}
	if err := initOnce(); err != nil {
		return nil, cfg, err
	}
	ctx := context.Background()
	mod, err := rt.InstantiateModule(ctx, compiled, wazero.NewModuleConfig().WithStartFunctions("_initialize"))
	if err != nil {
		return nil, cfg, fmt.Errorf("heic: %w", err)
	}
	defer mod.Close(ctx)
	mem := mod.Memory()
	malloc, decodeFn, message := mod.ExportedFunction("malloc"), mod.ExportedFunction("picmark_decode"), mod.ExportedFunction("picmark_message")
	alloc := func(n uint64) (uint32, error) {
		res, err := malloc.Call(ctx, n)
		if err != nil || res[0] == 0 {
			return 0, fmt.Errorf("heic: out of memory for %d bytes: %v", n, err)
		}
		return uint32(res[0]), nil
	}

	in, err := alloc(uint64(len(data)))
	if err != nil {
		return nil, cfg, err
	}
	if !mem.Write(in, data) {
		return nil, cfg, ErrMemWrite
	}
	vars, err := alloc(4 * 4) // width, height, has_alpha, premultiplied
	if err != nil {
		return nil, cfg, err
	}
	call := func(out, outSize uint32) error {
		res, err := decodeFn.Call(ctx, uint64(in), uint64(len(data)), uint64(out), uint64(outSize), uint64(vars), uint64(vars+4), uint64(vars+8), uint64(vars+12))
		if err != nil {
			return fmt.Errorf("heic: %w", err)
		}
		if code := int32(res[0]); code != 0 {
			msg := ""
			if res, err := message.Call(ctx); err == nil {
				if b, ok := mem.Read(uint32(res[0]), 256); ok {
					b, _, _ = bytes.Cut(b, []byte{0})
					msg = string(b)
				}
			}
			return fmt.Errorf("%w: libheif error %d: %s", ErrDecode, code, msg)
		}
		return nil
	}
	if err := call(0, 0); err != nil {
		return nil, cfg, err
	}
	u32 := func(off uint32) int {
		v, _ := mem.ReadUint32Le(vars + off)
		return int(v)
	}
	w, h, premultiplied := u32(0), u32(4), u32(12) == 1
	cfg.Width, cfg.Height = w, h
	cfg.ColorModel = colorModel(premultiplied)
	if configOnly {
		return nil, cfg, nil
	}
	size := uint64(w) * uint64(h) * 4
	if w <= 0 || h <= 0 || size > 1<<31 {
		return nil, cfg, fmt.Errorf("%w: %d×%d", ErrDecode, w, h)
	}
	out, err := alloc(size)
	if err != nil {
		return nil, cfg, err
	}
	if err := call(out, uint32(size)); err != nil {
		return nil, cfg, err
	}
	view, ok := mem.Read(out, uint32(size))
	if !ok {
		return nil, cfg, ErrMemRead
	}
	// A copy: the view is the module's memory, gone when it closes.
	pix := bytes.Clone(view)
	rect := image.Rect(0, 0, w, h)
	if premultiplied {
		return &image.RGBA{Pix: pix, Stride: 4 * w, Rect: rect}, cfg, nil
	}
	return &image.NRGBA{Pix: pix, Stride: 4 * w, Rect: rect}, cfg, nil
}

var (
	rt       wazero.Runtime
	compiled wazero.CompiledModule

	// initOnce compiles the module once per process.
	initOnce = sync.OnceValue(func() error {
		ctx := context.Background()
		wasm, err := Module()
		if err != nil {
			return err
		}
		rt = wazero.NewRuntime(ctx)
		// wasi-libc's start-up and stdio need WASI; no file, clock or
		// output is given to the module.
		wasi_snapshot_preview1.MustInstantiate(ctx, rt)
		compiled, err = rt.CompileModule(ctx, wasm)
		if err != nil {
			return fmt.Errorf("heic: %w", err)
		}
		return nil
	})
)

// Module returns the WebAssembly module Decode runs (lib/heif.wasm.gz,
// unpacked). It imports seven WASI functions (environ_get,
// environ_sizes_get, fd_close, fd_fdstat_get, fd_seek, fd_write,
// proc_exit), none of which it needs to succeed, and exports memory,
// _initialize, malloc, free, picmark_decode and picmark_message
// (lib/heif.c): picmark's server hands it to the browser, which runs it
// the same way.
func Module() ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(heifWasm))
	if err != nil {
		return nil, fmt.Errorf("heic: %w", err)
	}
	wasm, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("heic: %w", err)
	}
	return wasm, nil
}
