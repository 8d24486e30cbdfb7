;; lanczos.wat: the filter of the engine's Lanczos (internal/render) with
;; WebAssembly SIMD, for lanczos.js. lanczos.wasm is this file assembled by
;; wabt's wat2wasm (npm wabt 1.0.39, SIMD on); TestLanczosWasm (cmd/picmark)
;; assembles it again and fails unless the bytes are the same:
;;   go test ./cmd/picmark -run TestLanczosWasm -update   rewrites lanczos.wasm.
;;
;; filter(src, len, n, dst, starts, wts, m, pairs, half, bits): for each of
;; the n rows of len RGBA pixels at src, m outputs; output x of row y is the
;; sum of `pairs` pairs of pixels from starts[x] times their i16 weights
;; (wts: pairs·2 an output, an odd tap padded with a 0), plus half, shifted
;; right by bits and clamped to a byte, stored at dst[x*n + y]: transposed,
;; so the second pass reads along memory too. Offsets are in bytes.
(module
  (import "e" "m" (memory 1))
  (func (export "filter")
    (param $src i32) (param $len i32) (param $n i32) (param $dst i32) (param $starts i32)
    (param $wts i32) (param $m i32) (param $pairs i32) (param $half i32) (param $bits i32)
    (local $y i32) (local $x i32) (local $p i32) (local $wp i32) (local $j i32) (local $row i32)
    (local $acc v128) (local $zero v128)
    (local.set $y (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $y) (local.get $n)))
        (local.set $row (i32.add (local.get $src) (i32.shl (i32.mul (local.get $y) (local.get $len)) (i32.const 2))))
        (local.set $wp (local.get $wts))
        (local.set $x (i32.const 0))
        (block $outputs_done
          (loop $outputs
            (br_if $outputs_done (i32.ge_u (local.get $x) (local.get $m)))
            ;; p = row + 4·starts[x]
            (local.set $p
              (i32.add (local.get $row)
                (i32.shl (i32.load (i32.add (local.get $starts) (i32.shl (local.get $x) (i32.const 2)))) (i32.const 2))))
            (local.set $acc (i32x4.splat (local.get $half)))
            (local.set $j (local.get $pairs))
            (loop $taps
              ;; Two pixels' bytes [r0 g0 b0 a0 r1 g1 b1 a1] as i16 lanes
              ;; [r0 r1 g0 g1 b0 b1 a0 a1] (byte 16 is $zero's), each pair
              ;; times its pair of weights: [r0·w0 + r1·w1, g…, b…, a…].
              (local.set $acc
                (i32x4.add (local.get $acc)
                  (i32x4.dot_i16x8_s
                    (i8x16.shuffle 0 16 4 16 1 16 5 16 2 16 6 16 3 16 7 16
                      (v128.load64_zero align=1 (local.get $p))
                      (local.get $zero))
                    (v128.load32_splat align=1 (local.get $wp)))))
              (local.set $p (i32.add (local.get $p) (i32.const 8)))
              (local.set $wp (i32.add (local.get $wp) (i32.const 4)))
              (br_if $taps (local.tee $j (i32.sub (local.get $j) (i32.const 1)))))
            ;; dst[x·n + y] = the four sums shifted and clamped to bytes
            (v128.store32_lane align=1 0
              (i32.add (local.get $dst)
                (i32.shl (i32.add (i32.mul (local.get $x) (local.get $n)) (local.get $y)) (i32.const 2)))
              (i8x16.narrow_i16x8_u
                (i16x8.narrow_i32x4_s
                  (i32x4.shr_s (local.get $acc) (local.get $bits))
                  (i32x4.shr_s (local.get $acc) (local.get $bits)))
                (local.get $zero)))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $outputs)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rows)))))
