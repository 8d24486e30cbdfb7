package app

// photoTypes is the photo picker's accept list: image/* alone leaves HEIC,
// AVIF and TIFF files greyed out where the system does not map their
// extensions to image types (desktop Linux and Windows), so every type
// and extension picmark reads is named, upper case too (IMG_0001.HEIC).
// cmd/picmark's manifest (file_handlers) names the same types.
const photoTypes = "image/*,image/heic,image/heif,image/avif,image/tiff,image/bmp," +
	".jpg,.jpeg,.png,.gif,.webp,.heic,.heif,.avif,.tif,.tiff,.bmp," +
	".JPG,.JPEG,.PNG,.GIF,.WEBP,.HEIC,.HEIF,.AVIF,.TIF,.TIFF,.BMP"
