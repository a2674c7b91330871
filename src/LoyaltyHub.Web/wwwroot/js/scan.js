// Camera scan of a loyalty card's QR code or barcode with the browser's own BarcodeDetector
// (Chrome and Edge on Android, ChromeOS and macOS; Safari behind a flag). Where it is missing the
// counter hides the button: a USB scanner, which types the number and presses Enter, always works.

let session = null;

const formatsWanted = ['qr_code', 'code_128', 'ean_13', 'code_39', 'itf', 'data_matrix'];

export function isSupported() {
    return 'BarcodeDetector' in window && !!navigator.mediaDevices?.getUserMedia;
}

/** Shows the back camera in `video` and calls `dotNet.Scanned(text)` once with the first code read. */
export async function start(video, dotNet) {
    stop();
    const supported = await (BarcodeDetector.getSupportedFormats?.() ?? Promise.resolve([]));
    const formats = formatsWanted.filter(f => supported.includes(f));
    const detector = new BarcodeDetector(formats.length ? { formats } : undefined);
    const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    const current = { stream, stopped: false };
    session = current;
    video.srcObject = stream;
    await video.play();

    const tick = async () => {
        if (current.stopped) {
            return;
        }
        try {
            const codes = await detector.detect(video);
            const text = codes.find(c => c.rawValue)?.rawValue;
            if (text && !current.stopped) {
                stop();
                await dotNet.invokeMethodAsync('Scanned', text);
                return;
            }
        } catch {
            // The first frames may not be ready yet; try again on the next tick.
        }
        setTimeout(tick, 150);
    };
    tick();
}

export function stop() {
    if (session) {
        session.stopped = true;
        session.stream.getTracks().forEach(track => track.stop());
        session = null;
    }
}
