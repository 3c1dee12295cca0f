/**
 * Runs in a Chromium page (bench/storefront/images.ts): `drawImage(spec, width, quality)` draws one
 * fixture image on a canvas from the spec's seed and returns its JPEG bytes as base64. Plain JavaScript,
 * so that what runs in the page is exactly this file.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- called by name from images.ts
async function drawImage(spec, width, quality) {
  const height = Math.round(width * spec.aspect);
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext("2d");
  let state = spec.seed >>> 0 || 1;
  const rand = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
  const rgb = ([r, gg, b], k = 1) =>
    `rgb(${Math.min(255, Math.round(r * k))},${Math.min(255, Math.round(gg * k))},${Math.min(255, Math.round(b * k))})`;
  // The same picture at every width: draw on a 1000-unit-wide coordinate system.
  const H = 1000 * spec.aspect;
  g.scale(width / 1000, width / 1000);

  if (spec.kind === "landscape") {
    const sky = g.createLinearGradient(0, 0, 0, H);
    sky.addColorStop(0, `hsl(${200 + rand() * 20},60%,${38 + rand() * 10}%)`);
    sky.addColorStop(0.6, `hsl(${195 + rand() * 15},55%,${70 + rand() * 10}%)`);
    sky.addColorStop(1, "#f4f1ea");
    g.fillStyle = sky;
    g.fillRect(0, 0, 1000, H);
    for (let layer = 0; layer < 5; layer++) {
      const base = H * (0.38 + layer * 0.12);
      g.beginPath();
      g.moveTo(0, H);
      let y = base - rand() * H * 0.15;
      for (let x = 0; x <= 1000; x += 8 + rand() * 18) {
        y += (rand() - 0.5) * 40 - (y - base) * 0.08;
        g.lineTo(x, y);
      }
      g.lineTo(1000, H);
      g.closePath();
      g.fillStyle = `hsl(${205 + layer * 4},${18 + layer * 6}%,${78 - layer * 13}%)`;
      g.fill();
      g.strokeStyle = `rgba(255,255,255,${0.5 - layer * 0.08})`;
      g.lineWidth = 2;
      g.stroke();
      if (layer >= 3) {
        for (let i = 0; i < 60; i++) {
          const tx = rand() * 1000;
          const ty = base + rand() * (H - base);
          const th = 20 + rand() * 50;
          g.beginPath();
          g.moveTo(tx, ty - th);
          g.lineTo(tx - th * 0.3, ty);
          g.lineTo(tx + th * 0.3, ty);
          g.closePath();
          g.fillStyle = `hsl(${140 + rand() * 30},${20 + rand() * 20}%,${12 + rand() * 12}%)`;
          g.fill();
        }
      }
    }
    g.strokeStyle = "rgba(255,255,255,.55)";
    g.lineWidth = 5;
    g.beginPath();
    g.moveTo(1000 * rand(), H * 0.55);
    for (let i = 0; i < 6; i++)
      g.quadraticCurveTo(1000 * rand(), H * (0.6 + i * 0.06), 1000 * rand(), H * (0.62 + i * 0.07));
    g.stroke();
  } else {
    const colour = hex(spec.colour || "#2b6cb0");
    const back = g.createLinearGradient(0, 0, 0, H);
    const tint = 236 + rand() * 12;
    back.addColorStop(0, `rgb(${tint},${tint - 2},${tint - 6})`);
    back.addColorStop(1, `rgb(${tint - 22},${tint - 24},${tint - 28})`);
    g.fillStyle = back;
    g.fillRect(0, 0, 1000, H);
    const floor = g.createRadialGradient(500, H * 0.86, 10, 500, H * 0.86, 420);
    floor.addColorStop(0, "rgba(0,0,0,.28)");
    floor.addColorStop(1, "rgba(0,0,0,0)");
    g.fillStyle = floor;
    g.fillRect(0, H * 0.6, 1000, H * 0.4);
    g.save();
    g.translate(500, H * 0.5);
    g.rotate((rand() - 0.5) * 0.5);
    const body = g.createLinearGradient(-300, -300, 300, 300);
    body.addColorStop(0, rgb(colour, 1.35));
    body.addColorStop(0.5, rgb(colour));
    body.addColorStop(1, rgb(colour, 0.55));
    g.fillStyle = body;
    g.beginPath();
    switch (spec.shape) {
      case "board":
        g.roundRect(-110, -400, 220, 800, 110);
        break;
      case "boots":
        g.moveTo(-200, -250);
        g.lineTo(40, -250);
        g.lineTo(60, 60);
        g.lineTo(260, 140);
        g.lineTo(260, 260);
        g.lineTo(-200, 260);
        g.closePath();
        break;
      case "bindings":
        g.roundRect(-260, -120, 520, 240, 60);
        g.roundRect(-120, -300, 240, 200, 40);
        break;
      case "helmet":
        g.arc(0, 60, 300, Math.PI, 0);
        g.lineTo(300, 140);
        g.lineTo(-300, 140);
        g.closePath();
        break;
      case "goggles":
        g.roundRect(-330, -130, 300, 260, 120);
        g.roundRect(30, -130, 300, 260, 120);
        break;
      case "jacket":
        g.moveTo(-150, -330);
        g.lineTo(150, -330);
        g.lineTo(380, -160);
        g.lineTo(320, 60);
        g.lineTo(230, 10);
        g.lineTo(230, 360);
        g.lineTo(-230, 360);
        g.lineTo(-230, 10);
        g.lineTo(-320, 60);
        g.lineTo(-380, -160);
        g.closePath();
        break;
      case "card":
        g.roundRect(-330, -210, 660, 420, 36);
        break;
      default:
        g.roundRect(-280, -200, 560, 400, 24);
    }
    g.fill();
    // print, seams and stitching
    for (let i = 0; i < 14; i++) {
      g.strokeStyle = `rgba(255,255,255,${0.08 + rand() * 0.25})`;
      g.lineWidth = 3 + rand() * 14;
      g.beginPath();
      g.moveTo(-300 + rand() * 600, -380 + rand() * 760);
      g.bezierCurveTo(
        -300 + rand() * 600,
        -380 + rand() * 760,
        -300 + rand() * 600,
        -380 + rand() * 760,
        -300 + rand() * 600,
        -380 + rand() * 760,
      );
      g.stroke();
    }
    g.restore();
    const shine = g.createLinearGradient(0, 0, 1000, H);
    shine.addColorStop(0, "rgba(255,255,255,.18)");
    shine.addColorStop(0.5, "rgba(255,255,255,0)");
    g.fillStyle = shine;
    g.fillRect(0, 0, 1000, H);
  }

  // Sensor grain: what makes a photograph weigh what it weighs.
  const pixels = g.getImageData(0, 0, width, height);
  const d = pixels.data;
  const amplitude = spec.grain;
  for (let i = 0; i < d.length; i += 4) {
    const n = (rand() - 0.5) * amplitude;
    d[i] += n;
    d[i + 1] += n;
    d[i + 2] += n + (rand() - 0.5) * 6;
  }
  g.putImageData(pixels, 0, 0);

  const blob = await new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("toBlob failed"))), "image/jpeg", quality),
  );
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
