//! The "or" between a form and the other ways in, drawn as Logto's
//! (`div._divider` with two `i._line`), so operators' CSS finds it.

use leptos::prelude::*;

use crate::context::use_experience;

#[component]
pub fn OrDivider() -> impl IntoView {
    let experience = use_experience();
    view! {
        <div class="logto_divider lgt_divider">
            <i class="lgt_line"></i>
            {experience.t("description.or")}
            <i class="lgt_line"></i>
        </div>
    }
}
