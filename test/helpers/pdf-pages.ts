/**
 * A PDF written on the spot: each page blank or covered by one grey image (a stand-in for a scan),
 * for the tests of which pages go to OCR. Objects: catalog, pages, then per page its object, its
 * content stream and, for an image page, the image.
 */
export function pdfWithPages(kinds: ('blank' | 'image')[]): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  const pageIds: number[] = [];
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add('PAGES');
  for (const kind of kinds) {
    const pageId = objects.length + 1;
    pageIds.push(pageId);
    const content = kind === 'image' ? 'q 595 0 0 842 0 0 cm /Im0 Do Q' : '';
    const imageId = pageId + 2;
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${pageId + 1} 0 R /Resources << ${kind === 'image' ? `/XObject << /Im0 ${imageId} 0 R >>` : ''} >> >>`);
    add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    if (kind === 'image') add('<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x80\x80\x80\nendstream');
  }
  objects[1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
