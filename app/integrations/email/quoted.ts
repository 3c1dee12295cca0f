/**
 * The new part of an emailed reply: what the person wrote above the quoted history. Pure. Cuts at
 * the first attribution line that mail clients write in the five languages ("On … wrote:", "Le … a
 * écrit :", "Am … schrieb …:", "Il giorno … ha scritto:", "El … escribió:"), an Outlook header
 * block ("-----Original Message-----", "From: …" followed by "Sent:"/"Date:"), a run of ">" lines, or
 * the signature delimiter "-- ".
 */
const ATTRIBUTION = [
  /^On\b.+\bwrote:\s*$/i,
  /^Le\b.+\ba écrit\s*:\s*$/i,
  /^Am\b.+\bschrieb\b.*:\s*$/i,
  /^Il giorno\b.+\bha scritto:\s*$/i,
  /^(Il|In data)\b.+\bha scritto:\s*$/i,
  /^El\b.+\bescribió:\s*$/i,
  /^-{2,}\s*(Original Message|Messaggio originale|Message d'origine|Ursprüngliche Nachricht|Mensaje original)\s*-{2,}\s*$/i,
];

export function stripQuotedHistory(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    // an attribution may wrap over two lines ("On Tue, 1 Dec 2026 at 10:00, Shop <a@b>\nwrote:")
    const joined = i + 1 < lines.length ? `${line} ${lines[i + 1]!.trim()}` : line;
    if (ATTRIBUTION.some((re) => re.test(line) || (!line.endsWith(":") && re.test(joined)))) {
      end = i;
      break;
    }
    if (lines[i] === "-- " || line === "--") {
      end = i;
      break;
    }
    if (
      /^(From|Da|De|Von):\s/i.test(line) &&
      /^(Sent|Date|Inviato|Envoyé|Gesendet|Enviado|Data|Datum|Fecha):\s/i.test(lines[i + 1]?.trim() ?? "")
    ) {
      end = i;
      break;
    }
    if (line.startsWith(">") && lines.slice(i).every((l) => l.trim() === "" || l.trim().startsWith(">"))) {
      end = i;
      break;
    }
  }
  return lines.slice(0, end).join("\n").trim();
}
