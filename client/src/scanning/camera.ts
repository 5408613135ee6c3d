/**
 * The camera, as the scanner needs it: the rear camera at the highest useful resolution, torch where the device has
 * one, a list of cameras to switch between, and a stop() that really releases the device
 * (the light goes off and other apps can use it).
 */
export interface CameraHandle {
  stream: MediaStream;
  track: MediaStreamTrack;
  deviceId: string | undefined;
  torchSupported: boolean;
  setTorch(on: boolean): Promise<boolean>;
  stop(): void;
}

export function cameraAvailable(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
}

export async function openCamera(deviceId?: string | null): Promise<CameraHandle> {
  if (!cameraAvailable())
    throw new CameraError('unavailable', 'This browser cannot use a camera here (HTTPS needed).');
  // 1080p where the device offers it (`ideal`: a 720p-only camera still opens): a code far away
  // has 1.5× wider bars than at 720p. The scanner decodes only the aiming region, at full resolution.
  const video: MediaTrackConstraints = {
    width: { ideal: 1920 },
    height: { ideal: 1080 },
    ...(deviceId ? { deviceId: { exact: deviceId } } : { facingMode: { ideal: 'environment' } }),
  };
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video, audio: false });
  } catch (error) {
    throw CameraError.from(error);
  }
  const track = stream.getVideoTracks()[0];
  if (!track) {
    for (const t of stream.getTracks()) t.stop();
    throw new CameraError('not-found', 'The camera gave no video.');
  }
  const capabilities = (track.getCapabilities?.() ?? {}) as MediaTrackCapabilities & { torch?: boolean };
  let stopped = false;
  return {
    stream,
    track,
    deviceId: track.getSettings().deviceId,
    torchSupported: capabilities.torch === true,
    async setTorch(on: boolean) {
      try {
        await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
        return true;
      } catch {
        return false;
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      for (const t of stream.getTracks()) t.stop();
    },
  };
}

/** Video inputs; labels are empty until the person has granted camera access once. */
export async function listCameras(): Promise<{ deviceId: string; label: string }[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'videoinput' && d.deviceId)
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

export type CameraErrorKind = 'denied' | 'not-found' | 'busy' | 'unavailable' | 'other';

export class CameraError extends Error {
  constructor(
    readonly kind: CameraErrorKind,
    message: string,
  ) {
    super(message);
  }

  static from(error: unknown): CameraError {
    const name = error instanceof DOMException || error instanceof Error ? error.name : '';
    switch (name) {
      case 'NotAllowedError':
      case 'SecurityError':
        return new CameraError(
          'denied',
          'Camera access was refused. Allow the camera for this site to scan.',
        );
      case 'NotFoundError':
      case 'OverconstrainedError':
        return new CameraError('not-found', 'No camera found on this device.');
      case 'NotReadableError':
      case 'AbortError':
        return new CameraError('busy', 'The camera is in use by another app.');
      default:
        return new CameraError('other', `The camera could not start: ${String(error)}`);
    }
  }
}
