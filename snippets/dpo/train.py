# needs: names_sft
import shutil

# placeholder until the DPO page is written: the SFT model, unchanged
shutil.copytree("names_sft", "names_dpo", dirs_exist_ok=True)
print("names_dpo/ written")
