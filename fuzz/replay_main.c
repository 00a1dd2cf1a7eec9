/*
 * replay_main.c - a plain main() for the fuzz targets: runs
 * LLVMFuzzerTestOneInput once per file named on the command line, so the
 * corpora are replayed by the gcc build too (no libFuzzer needed).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	int n = 0;

	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		uint8_t *buf;
		long len;

		if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
		    fseek(f, 0, SEEK_SET) != 0) {
			fprintf(stderr, "cannot read %s\n", argv[i]);
			return 1;
		}
		buf = malloc((size_t)len + 1);
		if (buf == NULL || fread(buf, 1, (size_t)len, f) != (size_t)len) {
			fprintf(stderr, "cannot read %s\n", argv[i]);
			return 1;
		}
		fclose(f);
		LLVMFuzzerTestOneInput(buf, (size_t)len);
		free(buf);
		n++;
	}
	printf("%d inputs\n", n);
	return 0;
}
