/**
 * Reading a map file in the browser before it is sent: its bytes with FileReader's progress,
 * then its text. A file that is not UTF-8 is refused here with a way on, instead of being
 * sent with its bad bytes replaced.
 */

export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}

/** The file's text; `onProgress` gets bytes read of the file's size as it goes. */
export function readMapFile(
  file: Blob & { name: string },
  onProgress?: (read: number, total: number) => void,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded, e.total);
    };
    reader.onerror = () =>
      reject(
        new ImportFileError(
          `“${file.name}” could not be read (${reader.error?.message ?? 'unknown error'}). Nothing was imported; choose the file again.`,
        ),
      );
    reader.onload = () => {
      const bytes = reader.result;
      if (!(bytes instanceof ArrayBuffer)) return reject(new ImportFileError('No file was read.'));
      try {
        resolve(decodeMapText(bytes, file.name));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    };
    reader.readAsArrayBuffer(file);
  });
}

/** UTF-8 text of a file's bytes (a byte order mark dropped), or `ImportFileError`. */
export function decodeMapText(bytes: ArrayBuffer | Uint8Array, name: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError(
      `“${name}” is not UTF-8 text, so it is not a map file Warrant reads. Nothing was imported; save it as UTF-8 text, or choose another file.`,
    );
  }
  if (!text.trim()) throw new ImportFileError(`“${name}” is empty. Nothing was imported.`);
  return text;
}
