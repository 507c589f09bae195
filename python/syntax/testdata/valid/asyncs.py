# async def, await, async for, async with, async comprehensions.
async def f():
    await g()
    x = await h()
    await asyncio.sleep(1)
    async for a in b:
        pass
    else:
        pass
    async with c as d, e:
        pass
    async with (c as d, e as f):
        pass
    l = [x async for x in y]
    s = {x async for x in y if x}
    d = {k: v async for k, v in z}
    g = (x async for x in y)
    m = [await x for x in y]
    return await y


@deco
async def decorated():
    pass


async def gen():
    yield 1
