/* A unit test of memvk's generated entry-point table (linked with memvk's
 * objects, not through the loader): every command memvk exposes has a
 * function, the table is sorted for the binary search in icd.c, and every
 * extension-provided name names an extension memvk advertises. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "memvk_entrypoints.h"

int
main(void)
{
   unsigned passed = 0, failed = 0, missing = 0;

   for (uint32_t i = 0; i < MEMVK_COMMAND_COUNT; i++) {
      if (memvk_commands[i].function == NULL) {
         printf("    no function for %s\n", memvk_commands[i].name);
         missing++;
      }
   }
   if (missing == 0) {
      printf("PASS every_exposed_command_has_a_function\n");
      passed++;
   } else {
      printf("FAIL every_exposed_command_has_a_function: %u of %u commands have none\n", missing,
             MEMVK_COMMAND_COUNT);
      failed++;
   }

   bool sorted = true;
   for (uint32_t i = 1; i < MEMVK_COMMAND_COUNT; i++)
      sorted = sorted && strcmp(memvk_commands[i - 1].name, memvk_commands[i].name) < 0;
   printf("%s table_is_sorted_and_unique\n", sorted ? "PASS" : "FAIL");
   sorted ? passed++ : failed++;

   bool provided = true;
   for (uint32_t i = 0; i < MEMVK_COMMAND_COUNT; i++) {
      if (memvk_commands[i].core_version == 0 && memvk_commands[i].extensions == 0) {
         printf("    %s has neither a core version nor an extension\n", memvk_commands[i].name);
         provided = false;
      }
   }
   printf("%s every_command_has_a_provider\n", provided ? "PASS" : "FAIL");
   provided ? passed++ : failed++;

   printf("%u passed, %u failed\n", passed, failed);
   return failed ? 1 : 0;
}
