/*
 * bcryptprimitives.c: a stand-in for Windows' bcryptprimitives.dll, used
 * only by the Windows checks under Wine (packaging/windows/test), never
 * shipped. Go 1.24 and later read random bytes through ProcessPrng, which
 * Windows 10 and 11 export from bcryptprimitives.dll; Wine 8 has no such
 * DLL, so a Go program stops at start-up. This one exports ProcessPrng and
 * fills the buffer from RtlGenRandom (advapi32's SystemFunction036), which
 * Wine has. Documented signature: BOOL ProcessPrng(PBYTE pbData, SIZE_T cbData),
 * always TRUE.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)instance; (void)reason; (void)reserved;
    return TRUE;
}
