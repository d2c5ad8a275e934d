import { describe, expect, it } from "vitest";
import { CoreBudget } from "../../src/ocr/core-budget.ts";

describe("CoreBudget", () => {
  it("grants at most `size` cores and hands a returned core to the first waiter", async () => {
    const cores = new CoreBudget(2);
    const first = await cores.acquire();
    await cores.acquire();
    const granted: string[] = [];
    const third = cores.acquire().then((release) => {
      granted.push("third");
      return release;
    });
    const fourth = cores.acquire().then((release) => {
      granted.push("fourth");
      return release;
    });
    await Promise.resolve();
    expect(granted).toEqual([]);
    first();
    first(); // twice gives back one core only
    await third;
    await Promise.resolve();
    expect(granted).toEqual(["third"]);
    expect(cores.inUse).toBe(2);
    (await third)();
    (await fourth)();
    expect(granted).toEqual(["third", "fourth"]);
  });

  it("drops an aborted wait from the queue", async () => {
    const cores = new CoreBudget(1);
    const held = await cores.acquire();
    const controller = new AbortController();
    const aborted = cores.acquire(controller.signal);
    const next = cores.acquire();
    controller.abort(new Error("timeout"));
    await expect(aborted).rejects.toThrow("timeout");
    held();
    (await next)();
    expect(cores.inUse).toBe(0);
    await expect(cores.acquire(controller.signal)).rejects.toThrow("timeout");
    expect(cores.inUse).toBe(0);
  });

  it("rejects a budget of no cores", () => {
    expect(() => new CoreBudget(0)).toThrow(RangeError);
  });
});
