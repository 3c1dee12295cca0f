export async function postgresqlFaultRun(_: { kills: number; pgRestarts: number }): Promise<{ problems: string[] }> {
  throw new Error("not yet");
}
