// picmark's glue between Go (decode.go, through wazero) and libheif.
//
// It asks libheif for the primary image as 8-bit RGBA, the way Debian's
// heif-convert does: libheif decodes, converts YCbCr with the file's nclx
// matrix and range, applies clap, irot and imir, and joins the alpha
// plane. Rows are copied out compactly (4*width bytes each), so the Go side
// never has to know libheif's plane strides, and nothing is written past
// the out_size bytes it was given.

#include <stdint.h>
#include <string.h>

#include "libheif/heif.h"

// The message of the last failure, for the Go side's error.
static char message[256];

static int fail(struct heif_error err) {
    strncpy(message, err.message ? err.message : "", sizeof message - 1);
    message[sizeof message - 1] = 0;
    return err.code ? (int)err.code : -1;
}

// picmark_message returns the message of the last failure.
const char *picmark_message(void) { return message; }

// picmark_decode reads a HEIF file from in. It always sets width, height,
// has_alpha and premultiplied (the primary image's, after its transforms);
// when out is not NULL it also decodes the picture into out as RGBA, which
// must hold 4*width*height bytes (out_size says how many it holds).
// It returns 0, or a libheif error code (see picmark_message).
int picmark_decode(const uint8_t *in, uint32_t in_size, uint8_t *out, uint32_t out_size,
                   uint32_t *width, uint32_t *height, uint32_t *has_alpha, uint32_t *premultiplied) {
    message[0] = 0;
    struct heif_context *ctx = heif_context_alloc();
    if (!ctx) {
        strcpy(message, "out of memory");
        return -1;
    }
    heif_context_set_max_decoding_threads(ctx, 0);
    struct heif_image_handle *handle = NULL;
    struct heif_image *img = NULL;
    struct heif_decoding_options *opts = NULL;
    int rc = 0;

    struct heif_error err = heif_context_read_from_memory_without_copy(ctx, in, in_size, NULL);
    if (err.code) {
        rc = fail(err);
        goto done;
    }
    err = heif_context_get_primary_image_handle(ctx, &handle);
    if (err.code) {
        rc = fail(err);
        goto done;
    }
    *width = (uint32_t)heif_image_handle_get_width(handle);
    *height = (uint32_t)heif_image_handle_get_height(handle);
    *has_alpha = (uint32_t)heif_image_handle_has_alpha_channel(handle);
    *premultiplied = (uint32_t)heif_image_handle_is_premultiplied_alpha(handle);
    if (!out) {
        goto done;
    }

    opts = heif_decoding_options_alloc();
    opts->convert_hdr_to_8bit = 1;
    err = heif_decode_image(handle, &img, heif_colorspace_RGB, heif_chroma_interleaved_RGBA, opts);
    if (err.code) {
        rc = fail(err);
        goto done;
    }
    int w = heif_image_get_width(img, heif_channel_interleaved);
    int h = heif_image_get_height(img, heif_channel_interleaved);
    int stride = 0;
    const uint8_t *pix = heif_image_get_plane_readonly(img, heif_channel_interleaved, &stride);
    if (!pix || w <= 0 || h <= 0 || (uint32_t)w != *width || (uint32_t)h != *height ||
        (uint64_t)w * (uint64_t)h * 4 > out_size || heif_image_get_bits_per_pixel_range(img, heif_channel_interleaved) != 8) {
        strcpy(message, "the decoded picture is not the size its header gives");
        rc = -1;
        goto done;
    }
    for (int y = 0; y < h; y++) {
        memcpy(out + (size_t)y * w * 4, pix + (size_t)y * stride, (size_t)w * 4);
    }

done:
    if (img) heif_image_release(img);
    if (opts) heif_decoding_options_free(opts);
    if (handle) heif_image_handle_release(handle);
    heif_context_free(ctx);
    return rc;
}
