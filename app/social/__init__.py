"""Application services for the social channels (Facebook, Zalo OA, YouTube) shared by the dispatcher and the desk."""
