// The baseline for item 4: masks drawn the way Google's spatial understanding applet
// (AI Studio) does it, re-done in plain JS: parse the JSON, then for every mask decode its
// PNG, paint it on a canvas of its own with alpha = mask value, and draw that canvas
// scaled into its box; then the box and the label.
const COLORS = ["#e6194b", "#3cb44b", "#ffe119", "#4363d8", "#f58231", "#911eb4", "#46f0f0",
  "#f032e6", "#bcf60c", "#fabebe", "#008080", "#e6beff", "#9a6324", "#800000", "#aaffc3"];

function itemsOf(text) {
  const fenced = text.match(/```(?:json)?\s*([\s\S]*?)```/);
  return JSON.parse(fenced ? fenced[1] : text);
}

export async function aiStudioOverlay(canvas, image, text) {
  const items = itemsOf(text);
  const { width, height } = image;
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d");
  ctx.drawImage(image, 0, 0);
  ctx.lineWidth = Math.max(2, width / 400);
  ctx.font = `${Math.max(12, width / 50)}px sans-serif`;
  for (const [i, item] of items.entries()) {
    const [ymin, xmin, ymax, xmax] = item.box_2d.map((v) => v / 1000);
    const [x, y, w, h] = [xmin * width, ymin * height, (xmax - xmin) * width, (ymax - ymin) * height];
    const color = COLORS[i % COLORS.length];
    const [r, g, b] = [1, 3, 5].map((k) => parseInt(color.slice(k, k + 2), 16));
    if (item.mask) {
      const img = new Image();
      img.src = item.mask;
      await img.decode();
      const maskCanvas = document.createElement("canvas");
      maskCanvas.width = img.width;
      maskCanvas.height = img.height;
      const mctx = maskCanvas.getContext("2d");
      mctx.drawImage(img, 0, 0);
      const data = mctx.getImageData(0, 0, img.width, img.height);
      const px = data.data;
      for (let p = 0; p < px.length; p += 4) {
        const value = px[p];
        px[p] = r;
        px[p + 1] = g;
        px[p + 2] = b;
        px[p + 3] = value * 0.5;
      }
      mctx.putImageData(data, 0, 0);
      ctx.drawImage(maskCanvas, x, y, w, h);
    }
    ctx.strokeStyle = color;
    ctx.strokeRect(x, y, w, h);
    ctx.fillStyle = color;
    ctx.fillText(item.label ?? "", x, y);
  }
}
