// The synthetic photo every consumer check uses: white, a red square and a blue disc,
// so the emulator finds two shapes whose pixels are known.
export const WIDTH = 320;
export const HEIGHT = 240;
export const RED_SQUARE = { x: 40, y: 60, width: 80, height: 80 };
export const BLUE_DISC = { cx: 230, cy: 120, r: 45 };

export function paintPhoto() {
  const canvas = document.createElement("canvas");
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  ctx.fillStyle = "#ff0000";
  ctx.fillRect(RED_SQUARE.x, RED_SQUARE.y, RED_SQUARE.width, RED_SQUARE.height);
  ctx.fillStyle = "#0000ff";
  ctx.beginPath();
  ctx.arc(BLUE_DISC.cx, BLUE_DISC.cy, BLUE_DISC.r, 0, Math.PI * 2);
  ctx.fill();
  return canvas;
}

export function photoPng() {
  return new Promise((resolve) => paintPhoto().toBlob(resolve, "image/png"));
}
