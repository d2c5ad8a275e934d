const x: number = 41;
export default async function (job: { data: { n: number } }): Promise<number> {
  return job.data.n + x + (process.env.SCRATCH_ENV ? 1000 : 0);
}
